import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { KeyCheckView, KeyVerificationInput } from '../../../../../src/credentials/key-check.schemas';
import { apiRequest } from '../../../lib/api-client';

/**
 * POST /api/providers/{nit}/credentials/{environment}/checks («Verificar llaves»): tests what was typed before
 * «Guardar». The ClientSecret travels only in this body (an empty one: the one on file for the same application).
 */
export function createProviderKeyCheck(nit: string, environment: EnvironmentName, body: KeyVerificationInput): Promise<KeyCheckView> {
  return apiRequest<KeyCheckView>('POST', `providers/${nit}/credentials/${environment}/checks`, { body });
}
