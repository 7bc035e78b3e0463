import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { apiRequest } from '../../../lib/api-client';

/** PUT /api/my/certificates/{environment} («Cargar certificado»): PEM text, or a DER file as base64. */
export function putMyCertificate(environment: EnvironmentName, certificate: string): Promise<CertificateView> {
  return apiRequest<CertificateView>('PUT', `my/certificates/${environment}`, { body: { certificate } });
}

/** GET /api/my/certificates/{environment}/cer: the uploaded certificate, a plain link (public data, no step-up). */
export const myCertificateFileUrl = (environment: EnvironmentName) => `/api/my/certificates/${environment}/cer`;
