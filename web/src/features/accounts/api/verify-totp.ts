import type { z } from 'zod';
import type { SessionUser } from '../../../../../src/accounts/accounts.schemas';
import type { totpCodeSchema } from '../../../../../src/second-factor/second-factor.schemas';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/second-factor/totp/verification («Código de verificación»): the signed-in user; the new session cookie comes with it. */
export function verifyTotp(body: z.input<typeof totpCodeSchema>): Promise<{ user: SessionUser }> {
  return apiRequest<{ user: SessionUser }>('POST', 'second-factor/totp/verification', { body });
}
