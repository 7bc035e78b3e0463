import { apiRequest } from '../../../lib/api-client';

/** What the current official may load from the web: the delegates and officials files only if DIRECTORY_ADMINS names them. */
export type DirectoryPermissions = { mayChangePeople: boolean };

/** GET /api/directory/permissions. */
export function getDirectoryPermissions(): Promise<DirectoryPermissions> {
  return apiRequest<DirectoryPermissions>('GET', 'directory/permissions');
}
