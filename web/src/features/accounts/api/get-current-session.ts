import type { SessionUser } from '../../../../../src/accounts/accounts.schemas';
import { apiRequest } from '../../../lib/api-client';

export type CurrentSession = { user: SessionUser };

/** GET /api/sessions/current: who is signed in (401 when nobody is). */
export function getCurrentSession(): Promise<CurrentSession> {
  return apiRequest<CurrentSession>('GET', 'sessions/current');
}
