import type { CertificateLinks } from '../../../../../src/credentials/certificate-links';
import { apiRequest } from '../../../lib/api-client';

export type LinkUpload = Awaited<ReturnType<CertificateLinks['upload']>>;

/** POST /api/certificate-links/uploads: the vendor's certificate through the one-time link (no account). */
export function createCertificateLinkUpload(token: string, certificate: string): Promise<LinkUpload> {
  return apiRequest<LinkUpload>('POST', 'certificate-links/uploads', { body: { token, certificate } });
}
