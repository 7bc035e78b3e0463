import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../../src/accounts/accounts.schemas';
import type { SecondFactorStatus, TotpSetup } from '../../../../../src/second-factor/second-factor.schemas';
import { totpCodeSchema } from '../../../../../src/second-factor/second-factor.schemas';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { useSubmission, validate } from '../../../lib/forms';
import { createTotp } from '../api/create-totp';
import { getSecondFactor } from '../api/get-second-factor';
import { verifyTotp } from '../api/verify-totp';
import { runPasskeyCeremony } from '../hooks/passkey-ceremony';
import { TotpSetupPanel } from './totp-setup';

/**
 * Right after «Ingresar», for an official (and for a delegate before a production secret): the first time,
 * choose and enrol a passkey or an authenticator app; every other time, use it.
 */
export function SecondFactorPage({
  onVerified,
  onNoSession,
  stepUp = false,
}: {
  onVerified: (user: SessionUser) => void;
  onNoSession: () => void;
  /** Signed in already: asked before a production secret (step-up), not at sign-in. */
  stepUp?: boolean;
}) {
  const [status, setStatus] = useState<SecondFactorStatus | undefined>();
  const [setup, setSetup] = useState<TotpSetup | undefined>();
  const [code, setCode] = useState('');
  const submission = useSubmission();
  const { errors } = submission;

  useEffect(() => {
    getSecondFactor()
      .then(setStatus)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) onNoSession();
        else submission.fail({}, error instanceof ApiError ? error.message : 'No fue posible cargar la página. Recárguela.');
      });
  }, []);

  async function startApp() {
    const started = await submission.run(createTotp);
    if (started) setSetup(started);
  }

  async function submitCode(event: Event) {
    event.preventDefault();
    const checked = validate(totpCodeSchema, { code });
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => verifyTotp(checked.data));
    if (result) onVerified(result.user);
    else setCode('');
  }

  async function passkey() {
    const result = await submission.run(runPasskeyCeremony);
    if (result) onVerified(result.user);
  }

  const enrolling = status?.step === 'enrol';
  const showCode = Boolean(setup) || (status?.step === 'verify' && status.methods.totp);
  const showPasskey = !setup && (enrolling || status?.methods.passkey === true);

  return (
    <div class="narrow">
      <div class="form">
        <h1 id="segundo-factor-titulo">{enrolling ? 'Configure su segundo factor' : 'Verificación en dos pasos'}</h1>
        {stepUp && (
          <p class="notice" role="note">
            Por seguridad, para ver las llaves de Producción confirme que es usted con un segundo factor. La confirmación vale 10 minutos;
            después volverá al Paso 2 y se completará lo que pidió.
          </p>
        )}
        <p class="lead">
          {enrolling
            ? 'Para proteger las llaves de acceso, su cuenta necesita un segundo factor además de la contraseña. Elija una llave de acceso (passkey) de este equipo o de su teléfono, o una aplicación de autenticación.'
            : 'Confirme que es usted con su segundo factor.'}
        </p>
        <ErrorSummary title="No fue posible verificar" items={submission.summary(['code'])} version={submission.version} />
        {!status && submission.version === 0 && <p aria-busy="true">Cargando…</p>}
        {showPasskey && (
          <div class="actions">
            <button type="button" class="button" onClick={passkey} disabled={submission.busy}>
              Usar llave de acceso (passkey)
            </button>
            {enrolling && (
              <button type="button" class="button button--secondary" onClick={startApp} disabled={submission.busy}>
                Usar aplicación de autenticación
              </button>
            )}
          </div>
        )}
        {setup && <TotpSetupPanel setup={setup} />}
        {showCode && (
          <form onSubmit={submitCode} noValidate aria-labelledby="segundo-factor-titulo">
            <TextField
              id="code"
              label="Código de verificación"
              hint="Los 6 dígitos que muestra ahora su aplicación de autenticación."
              required
              value={code}
              onInput={setCode}
              autocomplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              error={errors.code}
            />
            <div class="actions">
              <button type="submit" class="button" disabled={submission.busy}>
                {submission.busy ? 'Verificando…' : 'Verificar'}
              </button>
            </div>
          </form>
        )}
        <p class="hint">¿Perdió su segundo factor? Pida a un funcionario del Ministerio que lo restablezca.</p>
      </div>
    </div>
  );
}
