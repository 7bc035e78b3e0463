import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** Who is signed in: the header of every page (name, role, entity) comes from here. */
export async function getCurrentSession(_request: HttpRequest, { caller }: HttpCall<'authenticated', Services>) {
  return { status: 200, jsonBody: { user: caller.user } };
}

export const definition = defineHttp({
  name: 'sessions-get-current',
  route: 'sessions/current',
  methods: ['GET'],
  access: 'authenticated',
  handler: getCurrentSession,
});
