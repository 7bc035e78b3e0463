import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema, secretVersionQuerySchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/**
 * "Mostrar": one environment's ClientSecret (and subscription key), each reveal audited, never cached.
 * `?version=anterior`: the replaced secret, while its overlap lasts.
 */
export async function getMySecret(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { version } = parseWith(secretVersionQuerySchema, Object.fromEntries(request.query.entries()));
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    jsonBody: await services.myCredentials.revealSecret(caller.user, environment, { ip: caller.ip }, caller, version),
  };
}

export const definition = defineHttp({
  name: 'my-credentials-secret-get',
  route: 'my/credentials/{environment}/secret',
  methods: ['GET'],
  access: 'delegate',
  handler: getMySecret,
});
