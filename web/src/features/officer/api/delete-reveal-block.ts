import { apiRequest } from '../../../lib/api-client';

/** DELETE /api/officers/{username}/reveal-block («Desbloquear revelaciones»): a colleague lifts the block; on record. */
export function deleteRevealBlock(username: string): Promise<void> {
  return apiRequest<void>('DELETE', `officers/${encodeURIComponent(username)}/reveal-block`);
}
