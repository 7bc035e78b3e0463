import type { AssignCredentialsInput } from '../../../../../src/credentials/assignment.schemas';
import type { CredentialAssignment } from '../../../../../src/credentials/credential-assignment.service';
import { apiRequest } from '../../../lib/api-client';
import type { ProviderFile } from './get-provider';

export type AssignCredentialsBody = AssignCredentialsInput;
export type CredentialsSaved = {
  message: string;
  firstAssignment: Awaited<ReturnType<CredentialAssignment['assign']>>['firstAssignment'];
  file: ProviderFile;
};

/** PUT /api/providers/{nit}/credentials (Guardar): both environments' keys; `version` is the file's If-Match. */
export function putProviderCredentials(nit: string, version: string, body: AssignCredentialsBody): Promise<CredentialsSaved> {
  return apiRequest<CredentialsSaved>('PUT', `providers/${nit}/credentials`, { body, headers: { 'If-Match': version } });
}
