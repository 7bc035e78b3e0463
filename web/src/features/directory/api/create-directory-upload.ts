import type { UploadJob } from '../../../../../src/directory/directory-upload.repository';
import { apiRequest } from '../../../lib/api-client';

/** An upload as the API answers it (the row's version stays on the server). */
export type DirectoryUpload = Omit<UploadJob, 'version'>;
export type DirectoryFileField = 'prestadores' | 'delegados' | 'funcionarios';

/** POST /api/directory/uploads (multipart): stores the files and answers the preview; nothing is imported yet. */
export function createDirectoryUpload(files: Partial<Record<DirectoryFileField, File>>): Promise<DirectoryUpload> {
  const form = new FormData();
  for (const [field, file] of Object.entries(files)) if (file) form.append(field, file, file.name);
  return apiRequest<DirectoryUpload>('POST', 'directory/uploads', { body: form });
}
