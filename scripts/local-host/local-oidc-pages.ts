export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The local provider's sign-in page, in the spirit of Microsoft's: e-mail, password and the second-factor choice. */
export function loginPage(input: { action: string; email?: string; error?: string }): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proveedor de identidad local (simula Microsoft Entra ID)</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f2f2f2; margin: 0; }
  main { max-width: 26rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  label { display: block; margin-top: 1rem; }
  input[type=email], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; font-size: 1rem; }
  .check { display: flex; gap: .5rem; align-items: center; }
  button { margin-top: 1.5rem; padding: .6rem 1.2rem; background: #0067b8; color: #fff; border: 0; font-size: 1rem; }
  .error { color: #a4262c; }
  small { color: #444; }
</style>
</head>
<body>
<main>
  <h1>Iniciar sesión</h1>
  <p><small>Proveedor de identidad local que simula Microsoft Entra ID. Solo para desarrollo.</small></p>
  ${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
  <form method="post" action="${escapeHtml(input.action)}">
    <label for="email">Correo institucional</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? '')}">
    <label for="password">Contraseña</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <label class="check" for="secondFactor"><input id="secondFactor" name="secondFactor" type="checkbox"> Verificar con segundo factor</label>
    <button type="submit">Iniciar sesión</button>
  </form>
</main>
</body>
</html>`;
}
