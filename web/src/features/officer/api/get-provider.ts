import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import { apiRequest } from '../../../lib/api-client';

/** The provider page's answer, exactly as the officer console builds it (dates already ISO text). */
export type ProviderFile = Awaited<ReturnType<OfficerConsole['file']>>;
export type OfficerEnvironment = NonNullable<ProviderFile['environments'][EnvironmentName]>;

/** GET /api/providers/{nit} (Ingresar Info / Actualizar Info): the file; `version` goes back as If-Match. */
export function getProvider(nit: string): Promise<ProviderFile> {
  return apiRequest<ProviderFile>('GET', `providers/${nit}`);
}
