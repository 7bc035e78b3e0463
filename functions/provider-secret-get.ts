import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import { secretRevealQuerySchema } from '../src/credentials/officer.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** An official reads a typed-in ClientSecret version (current or earlier) for audit, giving a reason; on record, never cached. */
export async function getProviderSecret(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const query = parseWith(secretRevealQuerySchema, {
    version: request.query.get('version') ?? undefined,
    reason: request.query.get('reason') ?? undefined,
  });
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    jsonBody: await services.officerConsole.revealSecret(caller.user, nit, environment, query, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'provider-secret-get',
  route: 'providers/{nit}/credentials/{environment}/secret',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderSecret,
});
