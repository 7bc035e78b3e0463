import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { MyCredentials } from '../../../../../src/credentials/my-credentials.service';
import { apiRequestWithStatus } from '../../../lib/api-client';

export type MyConfiguration = { fileName: string; content: Awaited<ReturnType<MyCredentials['exportPostman']>>['content'] };

/** GET /api/my/credentials/{environment}/postman («Descargar configuración»): holds the secret; audited, never cached. */
export async function getMyConfiguration(environment: EnvironmentName): Promise<MyConfiguration> {
  const { data, headers } = await apiRequestWithStatus<MyConfiguration['content']>('GET', `my/credentials/${environment}/postman`);
  const fileName =
    /filename="([^"]+)"/.exec(headers.get('content-disposition') ?? '')?.[1] ?? `ihce-${environment}.postman_environment.json`;
  return { fileName, content: data };
}
