import type { CertificatesOfProvider } from '../../../../../src/credentials/certificates.schemas';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/providers/{nit}/certificates: each environment's credential type and the provider's certificate, if any. */
export function getProviderCertificates(nit: string): Promise<CertificatesOfProvider> {
  return apiRequest<CertificatesOfProvider>('GET', `providers/${nit}/certificates`);
}

/** GET /api/providers/{nit}/certificates/{environment}/cer: a plain link (public certificate). */
export const providerCertificateFileUrl = (nit: string, environment: string) => `/api/providers/${nit}/certificates/${environment}/cer`;
