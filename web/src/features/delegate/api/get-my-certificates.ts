import { useEffect, useState } from 'preact/hooks';
import type { CertificatesOfProvider } from '../../../../../src/credentials/certificates.schemas';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/my/certificates: per environment, what it accepts and the certificate on file (public data). */
export function getMyCertificates(): Promise<CertificatesOfProvider> {
  return apiRequest<CertificatesOfProvider>('GET', 'my/certificates');
}

/** Loads the delegate's certificates once; `replace` puts in what an upload answered. */
export function useMyCertificates() {
  const [certificates, setCertificates] = useState<CertificatesOfProvider | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getMyCertificates().then(setCertificates, (failure: Error) => setError(failure.message));
  }, []);
  return { certificates, error, reload: () => getMyCertificates().then(setCertificates, (failure: Error) => setError(failure.message)) };
}
