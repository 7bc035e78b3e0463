import type { z } from 'zod';
import type { factorResetSchema } from '../../../../../src/second-factor/second-factor.schemas';
import type { FactorRecovery } from '../../../../../src/second-factor/factor-recovery.service';
import { apiRequest } from '../../../lib/api-client';

export type FactorResetBody = z.input<typeof factorResetSchema>;
export type FactorReset = Awaited<ReturnType<FactorRecovery['reset']>>;

/** POST /api/accounts/{username}/second-factor-resets: removes a person's lost factors, with a reason (audited, e-mailed to them). */
export function createSecondFactorReset(username: string, body: FactorResetBody): Promise<FactorReset> {
  return apiRequest<FactorReset>('POST', `accounts/${encodeURIComponent(username)}/second-factor-resets`, { body });
}
