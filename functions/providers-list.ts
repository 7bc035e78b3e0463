import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { providerListQuerySchema } from '../src/credentials/officer.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** Actualizar Token: providers with keys, found by name word, NIT or habilitation code, or by expiry (filtro). */
export async function listProviders(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const query = parseWith(providerListQuerySchema, Object.fromEntries(request.query.entries()));
  if (query.filtro)
    return { status: 200, jsonBody: await services.officerConsole.expiring(caller.user, query.filtro, query.limit, query.cursor) };
  return { status: 200, jsonBody: await services.officerConsole.search(caller.user, query.q, query.limit, query.cursor) };
}

export const definition = defineHttp({
  name: 'providers-list',
  route: 'providers',
  methods: ['GET'],
  access: 'officer',
  handler: listProviders,
});
