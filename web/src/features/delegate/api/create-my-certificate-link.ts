import type { CertificateLinks } from '../../../../../src/credentials/certificate-links';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { apiRequest } from '../../../lib/api-client';

export type CertificateLink = Awaited<ReturnType<CertificateLinks['create']>>;

/** POST /api/my/certificate-links («Crear enlace para el proveedor»): the URL is shown once. */
export function createMyCertificateLink(environment: EnvironmentName): Promise<CertificateLink> {
  return apiRequest<CertificateLink>('POST', 'my/certificate-links', { body: { environment } });
}
