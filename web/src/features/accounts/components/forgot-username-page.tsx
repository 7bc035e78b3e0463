import { useState } from 'preact/hooks';
import { usernameReminderSchema } from '../../../../../src/accounts/accounts.schemas';
import { SelectField, TextField } from '../../../components/fields';
import { validate } from '../../../lib/forms';
import { createUsernameReminder } from '../api/create-username-reminder';
import { documentOptions } from './document-options';
import { RecoveryForm } from './recovery-form';

/** «¿Olvidó su usuario?»: asks for the identification and e-mails the username to the address on file. */
export function ForgotUsernamePage() {
  const [idType, setIdType] = useState('');
  const [idNumber, setIdNumber] = useState('');
  return (
    <RecoveryForm
      id="recordar-usuario"
      title="Recordar usuario"
      lead="Escriba el tipo y el número de su documento de identidad. Le enviaremos su usuario al correo registrado en el directorio del Ministerio."
      fieldOrder={['idType', 'idNumber']}
      submitLabel="Enviar usuario"
      check={(captcha) => validate(usernameReminderSchema, { idType, idNumber: idNumber.trim(), captcha })}
      send={createUsernameReminder}
      fields={(errors) => (
        <>
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
        </>
      )}
    />
  );
}
