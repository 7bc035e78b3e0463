import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../shared/composition-root';
import { environmentNameSchema } from '../shared/credentials/credentials.schemas';
import type { SignedInCaller } from '../shared/http/function-definition';
import { defineHttp } from '../shared/http/http-pipeline';
import { parseWith } from '../shared/http/request';

/** "Mostrar": one environment's ClientSecret (and subscription key), each reveal audited, never cached. */
export async function getMySecret(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { myCredentials } = await services();
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    jsonBody: await myCredentials.revealSecret(caller.user, environment, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'my-credentials-secret-get',
  route: 'my/credentials/{environment}/secret',
  methods: ['GET'],
  access: 'delegate',
  handler: getMySecret,
});
