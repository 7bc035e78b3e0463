import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { KeyCheckView } from '../../../../../src/credentials/key-check.schemas';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/my/credentials/{environment}/checks («Probar llaves»): the server asks for a token with the keys on file. */
export function createMyKeyCheck(environment: EnvironmentName): Promise<KeyCheckView> {
  return apiRequest<KeyCheckView>('POST', `my/credentials/${environment}/checks`, { body: {} });
}
