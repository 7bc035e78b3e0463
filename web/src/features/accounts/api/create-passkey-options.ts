import type { SecondFactor } from '../../../../../src/second-factor/second-factor.service';
import { apiRequest } from '../../../lib/api-client';

export type PasskeyOptions = Awaited<ReturnType<SecondFactor['passkeyOptions']>>;

/** POST /api/second-factor/passkey/options: registration options the first time, authentication options after. */
export function createPasskeyOptions(): Promise<PasskeyOptions> {
  return apiRequest<PasskeyOptions>('POST', 'second-factor/passkey/options');
}
