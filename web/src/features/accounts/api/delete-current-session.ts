import { apiRequest } from '../../../lib/api-client';

/** DELETE /api/sessions/current (Cerrar sesión): 204, the cookie cleared. */
export function deleteCurrentSession(): Promise<void> {
  return apiRequest<void>('DELETE', 'sessions/current');
}
