import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import { assignCredentialsSchema } from '../src/credentials/credentials.schemas';
import { AppError } from '../src/kernel/app-error';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** Guardar: records the keys of both environments. If-Match is required, so no save overwrites another blindly. */
export async function putProviderCredentials(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const nit = parseWith(nitSchema, request.params.nit);
  const ifMatch = request.headers.get('if-match');
  if (!ifMatch)
    throw new AppError('version-requerida', 428, 'Falta la versión del expediente (If-Match). Recargue el prestador y vuelva a guardar.');
  const input = await readJson(request, assignCredentialsSchema);
  const { credentialAssignment, officerConsole } = await services();
  const result = await credentialAssignment.assign(caller.user, nit, input, { ifMatch, ip: caller.ip });
  const file = await officerConsole.file(caller.user, nit);
  return {
    status: 200,
    headers: { ETag: file.version },
    jsonBody: { message: 'El registro se realizó de manera correcta.', firstAssignment: result.firstAssignment, file },
  };
}

export const definition = defineHttp({
  name: 'provider-credentials-put',
  route: 'providers/{nit}/credentials',
  methods: ['PUT'],
  access: 'officer',
  handler: putProviderCredentials,
});
