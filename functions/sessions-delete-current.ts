import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { clearedSessionCookie, isSecureOrigin } from '../src/http/session-cookie';

/** Cerrar sesión: the session ends on the server, and the cookie is cleared. Harmless when already out. */
export async function deleteCurrentSession(_request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  await services.sessions.signOut(caller.sessionId, { ip: caller.ip });
  return { status: 204, cookies: [clearedSessionCookie(isSecureOrigin(services.config.PUBLIC_BASE_URL))] };
}

export const definition = defineHttp({
  name: 'sessions-delete-current',
  route: 'sessions/current',
  methods: ['DELETE'],
  access: 'public',
  handler: deleteCurrentSession,
});
