import { useState } from 'preact/hooks';
import { PASSWORD_MIN_LENGTH, passwordSchema } from '../../../../../src/accounts/accounts.schemas';
import { createActivation } from '../api/create-activation';
import { confirmPasswordReset } from '../api/confirm-password-reset';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';
import { useSubmission } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';

type Mode = 'activation' | 'reset';

const texts = {
  activation: {
    title: 'Activar cuenta',
    intro: 'Defina la contraseña con la que ingresará a IHCE – Administración de Llaves de acceso.',
    button: 'Activar cuenta',
    busy: 'Activando…',
    done: 'Su cuenta quedó activa.',
    send: createActivation,
  },
  reset: {
    title: 'Restablecer contraseña',
    intro: 'Defina una contraseña nueva. Al guardarla se cierran las sesiones que tenga abiertas.',
    button: 'Guardar contraseña',
    busy: 'Guardando…',
    done: 'Su contraseña se cambió correctamente.',
    send: confirmPasswordReset,
  },
} as const;

/** Reads the token from the link's fragment once, then drops it from the address bar and history. */
function takeTokenFromUrl(): string {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token;
}

/** The page behind the e-mailed link: activation (6.2) or password reset. */
export function SetPasswordPage({ mode }: { mode: Mode }) {
  const text = texts[mode];
  const [token] = useState(takeTokenFromUrl);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const submission = useSubmission();
  const { errors } = submission;

  async function submit(event: Event) {
    event.preventDefault();
    const fieldErrors: Record<string, string> = {};
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) fieldErrors.password = checked.error.issues[0]!.message;
    if (confirmation !== password) fieldErrors.confirmation = 'La confirmación no coincide con la contraseña.';
    if (Object.keys(fieldErrors).length > 0) return submission.fail(fieldErrors);
    const result = await submission.run(() => text.send({ token, password }));
    if (result) setDone(result.username);
  }

  if (done) {
    return (
      <section aria-labelledby="hecho-titulo">
        <h1 id="hecho-titulo" tabIndex={-1} ref={(el) => el?.focus()}>
          {text.title}
        </h1>
        <div class="notice notice--success" role="status">
          {text.done} Ya puede ingresar con su usuario <strong>{done}</strong>.
        </div>
        <p>
          <a class="button" href="/ingresar" onClick={onLinkClick}>
            Ir a Ingreso al sistema
          </a>
        </p>
      </section>
    );
  }

  if (!token) {
    return (
      <>
        <h1>{text.title}</h1>
        <div class="notice notice--error" role="alert">
          El enlace está incompleto. Ábralo de nuevo desde el correo que recibió, sin modificarlo.
        </div>
      </>
    );
  }

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="clave-titulo">
      <h1 id="clave-titulo">{text.title}</h1>
      <p class="lead">{text.intro}</p>
      <ErrorSummary
        title="Revise los siguientes datos"
        items={submission.summary(['password', 'confirmation', 'token'])}
        version={submission.version}
      />
      <TextField
        id="password"
        label="Contraseña"
        type="password"
        required
        value={password}
        onInput={setPassword}
        autocomplete="new-password"
        hint={`Al menos ${PASSWORD_MIN_LENGTH} caracteres. No use contraseñas comunes, su usuario ni su número de identificación. Una frase de varias palabras es fácil de recordar y difícil de adivinar.`}
        error={errors.password}
      />
      <TextField
        id="confirmation"
        label="Confirmar contraseña"
        type="password"
        required
        value={confirmation}
        onInput={setConfirmation}
        autocomplete="new-password"
        error={errors.confirmation}
      />
      <div class="actions">
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? text.busy : text.button}
        </button>
      </div>
    </form>
  );
}
