import type { z } from 'zod';
import type { EnvironmentName, secretVersionQuerySchema } from '../../../../../src/credentials/credentials.schemas';
import type { MyCredentials } from '../../../../../src/credentials/my-credentials.service';
import { apiRequest } from '../../../lib/api-client';

export type MySecret = Awaited<ReturnType<MyCredentials['revealSecret']>>;
export type SecretVersion = NonNullable<z.input<typeof secretVersionQuerySchema>['version']>;

/** GET /api/my/credentials/{environment}/secret («Mostrar»): each call is audited, never cached. */
export function getMySecret(environment: EnvironmentName, version: SecretVersion = 'vigente'): Promise<MySecret> {
  const query = version === 'anterior' ? '?version=anterior' : '';
  return apiRequest<MySecret>('GET', `my/credentials/${environment}/secret${query}`);
}
