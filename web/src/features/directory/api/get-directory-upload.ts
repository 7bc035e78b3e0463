import { apiRequest } from '../../../lib/api-client';
import type { DirectoryUpload } from './create-directory-upload';

/** GET /api/directory/uploads/{id}: the preview, and the job's state and progress once applied (polled). */
export function getDirectoryUpload(id: string): Promise<DirectoryUpload> {
  return apiRequest<DirectoryUpload>('GET', `directory/uploads/${encodeURIComponent(id)}`);
}
