import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { pendingListQuerySchema } from '../src/credentials/officer.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** Asignar Token: requests waiting for keys, by department, kind and age, oldest first, counted and paged. */
export async function listRequests(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const query = parseWith(pendingListQuerySchema, Object.fromEntries(request.query.entries()));
  return { status: 200, jsonBody: await services.pendingRequests.list(caller.user, query) };
}

export const definition = defineHttp({
  name: 'requests-list',
  route: 'requests',
  methods: ['GET'],
  access: 'officer',
  handler: listRequests,
});
