import type { TotpSetup } from '../../../../../src/second-factor/second-factor.schemas';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/second-factor/totp: a new authenticator-app key, as a QR image (data URL) and as text. */
export function createTotp(): Promise<TotpSetup> {
  return apiRequest<TotpSetup>('POST', 'second-factor/totp');
}
