import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { clearedSessionCookie, isSecureOrigin } from '../src/http/session-cookie';

/** «Cerrar todas mis sesiones»: every session of the caller ends, on every computer, this one included. */
export async function deleteSessions(_request: HttpRequest, { caller, services }: HttpCall<'authenticated', Services>) {
  await services.sessions.signOutEverywhere(caller.user.username, caller.sessionId, { ip: caller.ip });
  return {
    status: 200,
    jsonBody: { message: 'Se cerraron todas sus sesiones, en todos los equipos, incluida esta. Para continuar, ingrese de nuevo.' },
    cookies: [clearedSessionCookie(isSecureOrigin(services.config.PUBLIC_BASE_URL))],
  };
}

export const definition = defineHttp({
  name: 'sessions-delete',
  route: 'sessions',
  methods: ['DELETE'],
  access: 'authenticated',
  handler: deleteSessions,
});
