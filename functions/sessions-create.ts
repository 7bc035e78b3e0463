import type { HttpRequest } from '@azure/functions';
import { signInSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';
import { isSecureOrigin, sessionCookie } from '../src/http/session-cookie';

/** Ingreso al sistema (6.3): answers the user (or, for an official, that the second factor follows) and sets the session cookie. */
export async function createSession(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, signInSchema);
  const userAgent = request.headers.get('user-agent') ?? undefined;
  const { sessionId, user, stage } = await services.accountEntry.signIn(input, { ip: caller.ip, userAgent, sessionId: caller.sessionId });
  // An official's password opens only the second-factor stage: the page asks for the factor, and no name is shown yet.
  const jsonBody = stage ? { secondFactor: 'required' } : { user };
  return { status: 200, jsonBody, cookies: [sessionCookie(sessionId, isSecureOrigin(services.config.PUBLIC_BASE_URL))] };
}

export const definition = defineHttp({
  name: 'sessions-create',
  route: 'sessions',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.signInPerIp],
  handler: createSession,
});
