import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/providers/{nit}/certificates/{environment}/registration («Marcar como registrado en Entra ID»). */
export function createCertificateRegistration(nit: string, environment: EnvironmentName): Promise<CertificateView> {
  return apiRequest<CertificateView>('POST', `providers/${nit}/certificates/${environment}/registration`);
}
