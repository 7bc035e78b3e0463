import type { SessionUser } from '../../../../../src/accounts/accounts.schemas';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/second-factor/passkey/verification: the browser's WebAuthn answer; the signed-in user and a new session cookie. */
export function verifyPasskey(response: unknown): Promise<{ user: SessionUser }> {
  return apiRequest<{ user: SessionUser }>('POST', 'second-factor/passkey/verification', { body: { response } });
}
