import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { nextRequestQuerySchema } from '../src/credentials/officer.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** «Siguiente solicitud»: the oldest pending request with Asignar Token's filters, other than the provider just handled. */
export async function getNextRequest(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const query = parseWith(nextRequestQuerySchema, Object.fromEntries(request.query.entries()));
  return { status: 200, jsonBody: await services.pendingRequests.next(caller.user, query) };
}

export const definition = defineHttp({
  name: 'requests-next-get',
  route: 'requests/next',
  methods: ['GET'],
  access: 'officer',
  handler: getNextRequest,
});
