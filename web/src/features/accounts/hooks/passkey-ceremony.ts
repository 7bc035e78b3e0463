import { startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import type { SessionUser } from '../../../../../src/accounts/accounts.schemas';
import { ApiError } from '../../../lib/api-client';
import { createPasskeyOptions } from '../api/create-passkey-options';
import { verifyPasskey } from '../api/verify-passkey';

/**
 * «Usar llave de acceso (passkey)»: asks the server for options, lets the browser create or use the passkey,
 * sends the answer back. A cancelled or failed browser step becomes a Spanish message (an ApiError, as the forms expect).
 */
export async function runPasskeyCeremony(): Promise<{ user: SessionUser }> {
  const { mode, options } = await createPasskeyOptions();
  let answer: unknown;
  try {
    answer =
      mode === 'registration'
        ? await startRegistration({ optionsJSON: options as Parameters<typeof startRegistration>[0]['optionsJSON'] })
        : await startAuthentication({ optionsJSON: options as Parameters<typeof startAuthentication>[0]['optionsJSON'] });
  } catch (error) {
    const cancelled = error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED';
    const message =
      cancelled || (error instanceof Error && error.name === 'NotAllowedError')
        ? 'Se canceló la llave de acceso o se agotó el tiempo. Pulse de nuevo «Usar llave de acceso (passkey)».'
        : 'Este navegador o dispositivo no pudo usar una llave de acceso. Pruebe con la aplicación de autenticación.';
    throw new ApiError(0, message, {}, 'llave-de-acceso-cancelada');
  }
  return verifyPasskey(answer);
}
