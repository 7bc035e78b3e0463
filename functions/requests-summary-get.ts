import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** The officials' menu: «Asignar Token (N)», and the departments with requests waiting (Asignar Token's filter). */
export async function getRequestsSummary(_request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  return { status: 200, jsonBody: await services.pendingRequests.summary(caller.user) };
}

export const definition = defineHttp({
  name: 'requests-summary-get',
  route: 'requests/summary',
  methods: ['GET'],
  access: 'officer',
  handler: getRequestsSummary,
});
