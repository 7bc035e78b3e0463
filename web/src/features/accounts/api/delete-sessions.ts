import { apiRequest } from '../../../lib/api-client';

/** DELETE /api/sessions («Cerrar todas mis sesiones»): 200 with what happened, the cookie cleared. */
export function deleteSessions(): Promise<{ message: string }> {
  return apiRequest<{ message: string }>('DELETE', 'sessions');
}
