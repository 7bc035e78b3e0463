import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** One of the delegate's own requests; another provider's id answers 404 and is audited. */
export async function getMyRequest(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  return { status: 200, jsonBody: await services.requests.get(caller.user, request.params.id ?? '', { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'my-requests-get',
  route: 'my/requests/{id}',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyRequest,
});
