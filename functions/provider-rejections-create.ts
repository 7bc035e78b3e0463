import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import { AppError } from '../src/kernel/app-error';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';
import { rejectionSchema } from '../src/requests/request-review.service';

/** Rechazar: turns the pending request down with a reason the delegate will read. */
export async function createRejection(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const nit = parseWith(nitSchema, request.params.nit);
  const ifMatch = request.headers.get('if-match');
  if (!ifMatch)
    throw new AppError(
      'version-requerida',
      428,
      'Falta la versión del expediente (If-Match). Recargue el prestador y vuelva a intentarlo.',
    );
  const { reason } = await readJson(request, rejectionSchema);
  const { requestReview } = await services();
  const result = await requestReview.reject(caller.user, nit, reason, { ifMatch, ip: caller.ip });
  return { status: 201, jsonBody: { ...result, message: 'La solicitud fue rechazada y se informó al delegado.' } };
}

export const definition = defineHttp({
  name: 'provider-rejections-create',
  route: 'providers/{nit}/rejections',
  methods: ['POST'],
  access: 'officer',
  handler: createRejection,
});
