import { useState } from 'preact/hooks';
import { signInSchema, type SessionUser } from '../../../../../src/accounts/accounts.schemas';
import { createSession } from '../api/create-session';
import { Captcha } from '../../../components/captcha';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';
import { useSubmission, validate } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';
import { EntraRefusal, EntraSignInButton, useOfficerSignIn } from './entra-sign-in';

/** Ingreso al sistema (seed 6.3): usuario, contraseña, "No soy un robot", Ingresar. */
export function SignInPage({ onSignedIn, onSecondFactor }: { onSignedIn: (user: SessionUser) => void; onSecondFactor: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [captcha, setCaptcha] = useState<string | undefined>();
  const [captchaReset, setCaptchaReset] = useState(0);
  const submission = useSubmission();
  const { errors } = submission;
  const officerSignIn = useOfficerSignIn();

  async function submit(event: Event) {
    event.preventDefault();
    const checked = validate(signInSchema, { username, password, captcha: captcha ?? '' });
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => createSession(checked.data));
    if (result && 'user' in result) onSignedIn(result.user);
    else if (result) onSecondFactor();
    else setCaptchaReset((n) => n + 1);
  }

  return (
    <div class="narrow">
      <form class="form" onSubmit={submit} noValidate aria-labelledby="ingreso-titulo">
        <h1 id="ingreso-titulo">Ingreso al sistema</h1>
        <p class="lead">Ingrese con el usuario asignado en el registro y su contraseña.</p>
        <EntraRefusal />
        <ErrorSummary
          title="No fue posible ingresar"
          items={submission.summary(['username', 'password', 'captcha'])}
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
          error={errors.username}
        />
        <TextField
          id="password"
          label="Contraseña"
          type="password"
          required
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
          error={errors.password}
        />
        <Captcha id="captcha" error={errors.captcha} onChange={setCaptcha} resetKey={captchaReset} />
        <div class="actions">
          <button type="submit" class="button" disabled={submission.busy}>
            {submission.busy ? 'Ingresando…' : 'Ingresar'}
          </button>
        </div>
        <p>
          <a href="/recuperar" onClick={onLinkClick}>
            ¿Olvidó su contraseña?
          </a>
        </p>
        <p>
          <a href="/recordar-usuario" onClick={onLinkClick}>
            ¿Olvidó su usuario?
          </a>
        </p>
        <p>
          ¿Aún no tiene usuario?{' '}
          <a href="/registro" onClick={onLinkClick}>
            Regístrese aquí
          </a>
        </p>
        <p>
          Antes de registrarse, revise los{' '}
          <a href="/requisitos" onClick={onLinkClick}>
            requisitos previos
          </a>{' '}
          para solicitar las llaves de acceso.
        </p>
        <p>
          ¿Dudas sobre el proceso?{' '}
          <a href="/ayuda" onClick={onLinkClick}>
            Consulte la ayuda
          </a>
          .
        </p>
      </form>
      {officerSignIn.entra && <EntraSignInButton only={!officerSignIn.password} />}
    </div>
  );
}
