import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import { apiRequest } from '../../../lib/api-client';

export type RevealedSecret = Awaited<ReturnType<OfficerConsole['revealSecret']>>;

/** GET /api/providers/{nit}/credentials/{environment}/secret?version=&reason=: one typed-in ClientSecret version, for audit (on record, with the reason). */
export function getProviderSecret(nit: string, environment: EnvironmentName, version: string, reason: string): Promise<RevealedSecret> {
  const query = new URLSearchParams({ version, reason });
  return apiRequest<RevealedSecret>('GET', `providers/${nit}/credentials/${environment}/secret?${query.toString()}`);
}
