import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';
import { rejectionSchema } from '../src/requests/request-review.service';

/** Rechazar: turns the pending request down with a reason the delegate will read. */
export async function createRejection(
  request: HttpRequest,
  { caller, services, ifMatch }: HttpCall<'officer', Services> & { ifMatch: string },
) {
  const nit = parseWith(nitSchema, request.params.nit);
  const { reason } = await readJson(request, rejectionSchema);
  const result = await services.requestReview.reject(caller.user, nit, reason, { ifMatch, ip: caller.ip });
  return { status: 201, jsonBody: { ...result, message: 'La solicitud fue rechazada y se informó al delegado.' } };
}

export const definition = defineHttp({
  name: 'provider-rejections-create',
  route: 'providers/{nit}/rejections',
  methods: ['POST'],
  access: 'officer',
  ifMatchRequired: 'Falta la versión del expediente (If-Match). Recargue el prestador y vuelva a intentarlo.',
  handler: createRejection,
});
