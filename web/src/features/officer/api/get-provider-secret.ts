import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import { apiRequest } from '../../../lib/api-client';

export type RevealedSecret = Awaited<ReturnType<OfficerConsole['revealSecret']>>;

/** GET /api/providers/{nit}/credentials/{environment}/secret?version=: one ClientSecret version, for audit (on record). */
export function getProviderSecret(nit: string, environment: EnvironmentName, version: string): Promise<RevealedSecret> {
  return apiRequest<RevealedSecret>('GET', `providers/${nit}/credentials/${environment}/secret?version=${version}`);
}
