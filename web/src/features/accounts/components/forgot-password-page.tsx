import { useState } from 'preact/hooks';
import { passwordResetRequestSchema } from '../../../../../src/accounts/accounts.schemas';
import { TextField } from '../../../components/fields';
import { validate } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';
import { createPasswordReset } from '../api/create-password-reset';
import { RecoveryForm } from './recovery-form';

/** "¿Olvidó su contraseña?": asks for the username and sends a reset link to the e-mail on file. */
export function ForgotPasswordPage() {
  const [username, setUsername] = useState('');
  return (
    <RecoveryForm
      id="recuperar"
      title="Restablecer contraseña"
      lead="Escriba su usuario. Le enviaremos un enlace al correo registrado para definir una contraseña nueva."
      fieldOrder={['username']}
      submitLabel="Enviar enlace"
      check={(captcha) => validate(passwordResetRequestSchema, { username, captcha })}
      send={createPasswordReset}
      fields={(errors) => (
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
      )}
      after={
        <p>
          <a href="/recordar-usuario" onClick={onLinkClick}>
            ¿Olvidó su usuario?
          </a>
        </p>
      }
    />
  );
}
