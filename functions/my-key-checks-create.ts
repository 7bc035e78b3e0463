import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/**
 * «Probar llaves» (Paso 2): asks the environment's token endpoint for a token with the keys on file, server-side.
 * The answer says whether they work; the token is discarded, the check audited and limited per provider.
 */
export async function createMyKeyCheck(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    jsonBody: await services.keyCheck.test(caller.user, environment, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'my-key-checks-create',
  route: 'my/credentials/{environment}/checks',
  methods: ['POST'],
  access: 'delegate',
  handler: createMyKeyCheck,
});
