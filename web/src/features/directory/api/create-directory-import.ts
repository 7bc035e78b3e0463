import { apiRequest } from '../../../lib/api-client';
import type { DirectoryUpload } from './create-directory-upload';

/** POST /api/directory/imports («Aplicar»): queues the import of a previewed upload; 409 while another runs. */
export function createDirectoryImport(uploadId: string): Promise<DirectoryUpload> {
  return apiRequest<DirectoryUpload>('POST', 'directory/imports', { body: { uploadId } });
}
