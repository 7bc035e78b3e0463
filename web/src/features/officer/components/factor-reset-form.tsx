import { useState } from 'preact/hooks';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField, TextField } from '../../../components/fields';
import { useSubmission } from '../../../lib/forms';
import { createSecondFactorReset } from '../api/create-second-factor-reset';

/**
 * «Restablecer segundo factor»: for a person (delegate or official) who lost their phone or passkey. The
 * official names the account and why; it is audited and the person is told by e-mail.
 */
export function FactorResetForm() {
  const [username, setUsername] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const submission = useSubmission();

  async function submit(event: Event) {
    event.preventDefault();
    setDone(undefined);
    if (!username.trim())
      return submission.fail({ username: 'Escriba el usuario de la persona (por ejemplo CC12345678 o CC12345678-900123456).' });
    const result = await submission.run(() => createSecondFactorReset(username.trim(), { reason }));
    if (result) {
      setDone(`${result.message} (usuario ${result.username}).`);
      setUsername('');
      setReason('');
    }
  }

  return (
    <section aria-labelledby="restablecer-titulo">
      <form class="form" onSubmit={submit} noValidate aria-labelledby="restablecer-titulo">
        <h2 id="restablecer-titulo">Restablecer segundo factor</h2>
        <p>
          Si una persona perdió su teléfono o su llave de acceso, quite sus segundos factores: la próxima vez que lo necesite configurará
          uno nuevo. Verifique antes su identidad por un canal oficial; el cambio queda registrado y se le avisa por correo.
        </p>
        {done && (
          <p class="notice notice--success" role="status">
            {done}
          </p>
        )}
        <ErrorSummary title="No se pudo restablecer" items={submission.summary(['username', 'reason'])} version={submission.version} />
        <TextField
          id="username"
          label="Usuario de la persona"
          hint="Tipo y número de documento; para un delegado, seguido de guion y el NIT de la entidad."
          required
          value={username}
          onInput={setUsername}
          autocomplete="off"
          maxLength={40}
          error={submission.errors.username}
        />
        <TextAreaField
          id="reason"
          label="Motivo del restablecimiento"
          required
          value={reason}
          onInput={setReason}
          maxLength={500}
          hint="Por ejemplo: perdió el teléfono con la aplicación de autenticación; identidad verificada por llamada al número registrado."
          error={submission.errors.reason}
        />
        <div class="actions">
          <button type="submit" class="button button--danger" disabled={submission.busy}>
            {submission.busy ? 'Restableciendo…' : 'Restablecer segundo factor'}
          </button>
        </div>
      </form>
    </section>
  );
}
