import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';
import { keyRequestSchema } from '../src/requests/requests.schemas';

/** Generar Llaves de Acceso: saves an Inscripción or Resolicitud Token; the ministry is alerted by queue. */
export async function createMyRequest(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const input = await readJson(request, keyRequestSchema);
  const { requests } = await services();
  return { status: 201, jsonBody: await requests.submit(caller.user, input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'my-requests-create',
  route: 'my/requests',
  methods: ['POST'],
  access: 'delegate',
  handler: createMyRequest,
});
