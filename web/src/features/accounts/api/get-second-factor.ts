import type { SecondFactorStatus } from '../../../../../src/second-factor/second-factor.schemas';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/second-factor: enrol or verify, and with which methods (401 when there is no session at all). */
export function getSecondFactor(): Promise<SecondFactorStatus> {
  return apiRequest<SecondFactorStatus>('GET', 'second-factor');
}
