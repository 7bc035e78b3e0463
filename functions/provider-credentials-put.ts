import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { assignCredentialsBodySchema } from '../src/credentials/assignment.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** Guardar: records the keys of both environments. If-Match is required, so no save overwrites another blindly. */
export async function putProviderCredentials(
  request: HttpRequest,
  { caller, services, ifMatch }: HttpCall<'officer', Services> & { ifMatch: string },
) {
  const nit = parseWith(nitSchema, request.params.nit);
  const input = await readJson(request, assignCredentialsBodySchema);
  const { firstAssignment, file } = await services.saveProviderKeys(caller.user, nit, input, { ifMatch, ip: caller.ip });
  return {
    status: 200,
    headers: { ETag: file.version },
    jsonBody: { message: 'El registro se realizó de manera correcta.', firstAssignment, file },
  };
}

export const definition = defineHttp({
  name: 'provider-credentials-put',
  route: 'providers/{nit}/credentials',
  methods: ['PUT'],
  access: 'officer',
  ifMatchRequired: 'Falta la versión del expediente (If-Match). Recargue el prestador y vuelva a guardar.',
  handler: putProviderCredentials,
});
