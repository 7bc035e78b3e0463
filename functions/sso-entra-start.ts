import type { HttpRequest } from '@azure/functions';
import { rateLimits } from '../src/accounts/account-rate-limits';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { isSecureOrigin } from '../src/http/session-cookie';
import { signInPageWith, ssoFlowCookie } from '../src/http/sso-flow-cookie';
import { ssoRefusalOf } from '../src/officer-sso/officer-sso.use-case';

/** «Ingresar con cuenta institucional (Microsoft Entra ID)»: off to the ministry's tenant, with the flow sealed in a cookie. */
export async function startEntraSignIn(_request: HttpRequest, { services, context }: HttpCall<'public', Services>) {
  const { PUBLIC_BASE_URL } = services.config;
  try {
    const { authorizationUrl, sealedFlow } = await services.officerSso.begin();
    return { status: 302, headers: { Location: authorizationUrl }, cookies: [ssoFlowCookie(sealedFlow, isSecureOrigin(PUBLIC_BASE_URL))] };
  } catch (error) {
    // A browser navigation: the answer is always the sign-in page with a message, never a problem document.
    const code = ssoRefusalOf(error);
    if (!code) context.error('Ingreso con Entra ID: no se pudo iniciar', error instanceof Error ? error.message : '');
    return { status: 302, headers: { Location: signInPageWith(PUBLIC_BASE_URL, code ?? 'no-disponible') } };
  }
}

export const definition = defineHttp({
  name: 'sso-entra-start',
  route: 'sso/entra/start',
  methods: ['GET'],
  access: 'public',
  rateLimits: [rateLimits.signInPerIp],
  handler: startEntraSignIn,
});
