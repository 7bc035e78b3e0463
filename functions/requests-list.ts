import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import { pendingListQuerySchema } from '../src/credentials/officer.schemas';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** Asignar Token: requests waiting for keys, oldest first, paged with a cursor. */
export async function listRequests(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const query = parseWith(pendingListQuerySchema, Object.fromEntries(request.query.entries()));
  const { officerConsole } = await services();
  return { status: 200, jsonBody: await officerConsole.pending(caller.user, query.limit, query.cursor) };
}

export const definition = defineHttp({
  name: 'requests-list',
  route: 'requests',
  methods: ['GET'],
  access: 'officer',
  handler: listRequests,
});
