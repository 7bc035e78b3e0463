import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** Ingresar Info / Actualizar Info: the provider's file, with its version as ETag for the save that follows. */
export async function getProvider(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const file = await services.officerConsole.file(caller.user, nit);
  return { status: 200, headers: { ETag: file.version }, jsonBody: file };
}

export const definition = defineHttp({
  name: 'providers-get',
  route: 'providers/{nit}',
  methods: ['GET'],
  access: 'officer',
  handler: getProvider,
});
