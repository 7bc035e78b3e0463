import type { HttpRequest, InvocationContext } from '@azure/functions';
import { signInSchema } from '../src/accounts/accounts.schemas';
import { services } from '../src/composition-root';
import type { Caller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/platform/rate-limiter';
import { readJson } from '../src/http/request';
import { isSecureOrigin, sessionCookie } from '../src/http/session-cookie';

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
