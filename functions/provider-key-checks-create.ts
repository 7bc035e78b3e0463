import type { HttpRequest } from '@azure/functions';
import * as z from 'zod';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/**
 * «Verificar llaves» (official's key form): tests what was typed (ClientID, ClientSecret, tenant, scope) before
 * «Guardar». The ClientSecret travels only in this POST body; the use case checks each field and answers in Spanish.
 */
export async function createProviderKeyCheck(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const body = await readJson(request, z.record(z.string(), z.unknown(), { error: 'Envíe las llaves que quiere verificar.' }));
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    jsonBody: await services.keyCheck.verify(caller.user, nit, environment, body, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'provider-key-checks-create',
  route: 'providers/{nit}/credentials/{environment}/checks',
  methods: ['POST'],
  access: 'officer',
  handler: createProviderKeyCheck,
});
