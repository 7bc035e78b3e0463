import type { UsualAssignmentTime } from '../../../../../src/dashboard/dashboard.schemas';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/assignment-time: the usual business days to assign keys (the Tablero's median), nothing else. */
export function getAssignmentTime(): Promise<UsualAssignmentTime> {
  return apiRequest<UsualAssignmentTime>('GET', 'assignment-time');
}
