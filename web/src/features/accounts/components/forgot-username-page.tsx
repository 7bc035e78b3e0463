import { useState } from 'preact/hooks';
import { usernameReminderSchema } from '../../../../../src/accounts/accounts.schemas';
import { documentOptions } from './document-options';
import { createUsernameReminder } from '../api/create-username-reminder';
import { Captcha } from '../../../components/captcha';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';
import { useSubmission, validate } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';

/** «¿Olvidó su usuario?»: asks for the identification and e-mails the username to the address on file. */
export function ForgotUsernamePage() {
  const [idType, setIdType] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [captcha, setCaptcha] = useState<string | undefined>();
  const [captchaReset, setCaptchaReset] = useState(0);
  const [sent, setSent] = useState<string | undefined>();
  const submission = useSubmission();
  const { errors } = submission;

  async function submit(event: Event) {
    event.preventDefault();
    const checked = validate(usernameReminderSchema, { idType, idNumber: idNumber.trim(), captcha: captcha ?? '' });
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => createUsernameReminder(checked.data));
    setCaptchaReset((n) => n + 1);
    if (result) setSent(result.message);
  }

  if (sent) {
    return (
      <div class="narrow">
        <h1 tabIndex={-1} ref={(el) => el?.focus()}>
          Recordar usuario
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
      <form class="form" onSubmit={submit} noValidate aria-labelledby="recordar-usuario-titulo">
        <h1 id="recordar-usuario-titulo">Recordar usuario</h1>
        <p class="lead">
          Escriba el tipo y el número de su documento de identidad. Le enviaremos su usuario al correo registrado en el directorio del
          Ministerio.
        </p>
        <ErrorSummary
          title="Revise los siguientes datos"
          items={submission.summary(['idType', 'idNumber', 'captcha'])}
          version={submission.version}
        />
        <SelectField
          id="idType"
          label="Tipo identificación"
          required
          value={idType}
          onChange={setIdType}
          error={errors.idType}
          options={documentOptions}
          placeholder="Seleccione…"
        />
        <TextField
          id="idNumber"
          label="Número identificación"
          required
          value={idNumber}
          onInput={setIdNumber}
          maxLength={20}
          autocomplete="off"
          hint="Sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación."
          error={errors.idNumber}
        />
        <Captcha id="captcha" error={errors.captcha} onChange={setCaptcha} resetKey={captchaReset} />
        <div class="actions">
          <button type="submit" class="button" disabled={submission.busy}>
            {submission.busy ? 'Enviando…' : 'Enviar usuario'}
          </button>
        </div>
      </form>
    </div>
  );
}
