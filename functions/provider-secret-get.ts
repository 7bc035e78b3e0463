import type { HttpRequest } from '@azure/functions';
import * as z from 'zod';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

const versionSchema = z
  .string()
  .regex(/^[0-9a-zA-Z]{1,64}$/, 'La versión del secreto no es válida.')
  .optional();

/** An official reads a ClientSecret version (current or earlier) for audit; on record, never cached. */
export async function getProviderSecret(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const version = parseWith(versionSchema, request.query.get('version') ?? undefined);
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    jsonBody: await services.officerConsole.revealSecret(caller.user, nit, environment, version, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'provider-secret-get',
  route: 'providers/{nit}/credentials/{environment}/secret',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderSecret,
});
