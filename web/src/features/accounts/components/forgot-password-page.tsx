import { useState } from 'preact/hooks';
import { passwordResetRequestSchema } from '../../../../../src/accounts/accounts.schemas';
import { createPasswordReset } from '../api/create-password-reset';
import { Captcha } from '../../../components/captcha';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';
import { useSubmission, validate } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';

/** "¿Olvidó su contraseña?": asks for the username and sends a reset link to the e-mail on file. */
export function ForgotPasswordPage() {
  const [username, setUsername] = useState('');
  const [captcha, setCaptcha] = useState<string | undefined>();
  const [captchaReset, setCaptchaReset] = useState(0);
  const [sent, setSent] = useState<string | undefined>();
  const submission = useSubmission();

  async function submit(event: Event) {
    event.preventDefault();
    const checked = validate(passwordResetRequestSchema, { username, captcha: captcha ?? '' });
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => createPasswordReset(checked.data));
    setCaptchaReset((n) => n + 1);
    if (result) setSent(result.message);
  }

  if (sent) {
    return (
      <div class="narrow">
        <h1 tabIndex={-1} ref={(el) => el?.focus()}>
          Restablecer contraseña
        </h1>
        <div class="notice notice--success" role="status">
          {sent}
        </div>
        <p>
          <a href="/ingresar" onClick={onLinkClick}>
            Volver a Ingreso al sistema
          </a>
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <form class="form" onSubmit={submit} noValidate aria-labelledby="recuperar-titulo">
        <h1 id="recuperar-titulo">Restablecer contraseña</h1>
        <p class="lead">Escriba su usuario. Le enviaremos un enlace al correo registrado para definir una contraseña nueva.</p>
        <ErrorSummary
          title="Revise los siguientes datos"
          items={submission.summary(['username', 'captcha'])}
          version={submission.version}
        />
        <TextField
          id="username"
          label="Usuario"
          required
          value={username}
          onInput={setUsername}
          autocomplete="username"
          maxLength={64}
          error={submission.errors.username}
        />
        <Captcha id="captcha" error={submission.errors.captcha} onChange={setCaptcha} resetKey={captchaReset} />
        <div class="actions">
          <button type="submit" class="button" disabled={submission.busy}>
            {submission.busy ? 'Enviando…' : 'Enviar enlace'}
          </button>
        </div>
        <p>
          <a href="/recordar-usuario" onClick={onLinkClick}>
            ¿Olvidó su usuario?
          </a>
        </p>
      </form>
    </div>
  );
}
