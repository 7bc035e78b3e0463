import type { HttpRequest, InvocationContext } from '@azure/functions';
import { signInSchema } from '../shared/accounts/accounts.schemas';
import { services } from '../shared/composition-root';
import type { Caller } from '../shared/http/function-definition';
import { defineHttp } from '../shared/http/http-pipeline';
import { rateLimits } from '../shared/platform/rate-limiter';
import { readJson } from '../shared/http/request';
import { isSecureOrigin, sessionCookie } from '../shared/http/session-cookie';

/** Ingreso al sistema (6.3): answers the user and sets the session cookie. */
export async function createSession(request: HttpRequest, _context: InvocationContext, caller: Caller) {
  const input = await readJson(request, signInSchema);
  const { sessions, config, rateLimiter } = await services();
  await rateLimiter.hit(rateLimits.signInPerAccount, input.username);
  const { sessionId, user } = await sessions.signIn(input, { ip: caller.ip, userAgent: request.headers.get('user-agent') ?? undefined });
  return { status: 200, jsonBody: { user }, cookies: [sessionCookie(sessionId, isSecureOrigin(config.PUBLIC_BASE_URL))] };
}

export const definition = defineHttp({
  name: 'sessions-create',
  route: 'sessions',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.signInPerIp],
  handler: createSession,
});
