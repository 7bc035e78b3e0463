import type { HttpRequest } from '@azure/functions';
import { rateLimits } from '../src/accounts/account-rate-limits';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { isSecureOrigin, sessionCookie } from '../src/http/session-cookie';
import { clearedSsoFlowCookie, readSsoFlow, signInPageWith } from '../src/http/sso-flow-cookie';
import { ssoRefusalOf } from '../src/officer-sso/officer-sso.use-case';

/** Entra's answer: a session for an admitted official and the app's home; any refusal goes back to the sign-in page. */
export async function completeEntraSignIn(request: HttpRequest, { caller, services, context }: HttpCall<'public', Services>) {
  const { config } = services;
  const secure = isSecureOrigin(config.PUBLIC_BASE_URL);
  try {
    const { sessionId } = await services.officerSso.complete(new URL(request.url).search, readSsoFlow(request, secure), {
      ip: caller.ip,
      userAgent: request.headers.get('user-agent') ?? undefined,
    });
    return {
      status: 302,
      headers: { Location: new URL('/', config.PUBLIC_BASE_URL).toString() },
      cookies: [clearedSsoFlowCookie(secure), sessionCookie(sessionId, secure)],
    };
  } catch (error) {
    const code = ssoRefusalOf(error);
    if (!code) context.error('Ingreso con Entra ID: falló la respuesta', error instanceof Error ? error.message : '');
    return {
      status: 302,
      headers: { Location: signInPageWith(config.PUBLIC_BASE_URL, code ?? 'no-disponible') },
      cookies: [clearedSsoFlowCookie(secure)],
    };
  }
}

export const definition = defineHttp({
  name: 'sso-entra-callback',
  route: 'sso/entra/callback',
  methods: ['GET'],
  access: 'public',
  rateLimits: [rateLimits.signInPerIp],
  handler: completeEntraSignIn,
});
