import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';
import { keyRequestSchema } from '../src/requests/requests.schemas';

/** Generar Llaves de Acceso: saves an Inscripción or Resolicitud Token; the ministry is alerted by queue. */
export async function createMyRequest(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const input = await readJson(request, keyRequestSchema);
  return { status: 201, jsonBody: await services.requests.submit(caller.user, input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'my-requests-create',
  route: 'my/requests',
  methods: ['POST'],
  access: 'delegate',
  handler: createMyRequest,
});
