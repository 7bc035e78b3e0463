import { LOCAL_IDP_CLIENT } from '../../scripts/local-env';
import { startLocalOidcProvider, type LocalIdpPerson } from '../../scripts/local-host/local-oidc-provider';
import { PUBLIC_BASE_URL } from './test-app';

export const REDIRECT_URI = `${PUBLIC_BASE_URL}/api/sso/entra/callback`;

/** The local OpenID provider for a test file, with the settings that point the app at it. */
export async function startTestIdp(
  findPerson: (email: string) => Promise<LocalIdpPerson | undefined>,
  publicBaseUrl: string = PUBLIC_BASE_URL,
) {
  const redirectUri = `${publicBaseUrl}/api/sso/entra/callback`;
  const idp = await startLocalOidcProvider({ client: { ...LOCAL_IDP_CLIENT, redirectUri }, findPerson });
  const env = {
    OFFICER_SIGN_IN: 'both',
    ENTRA_SSO_ISSUER: idp.url,
    ENTRA_SSO_TENANT_ID: idp.tenantId,
    ENTRA_SSO_CLIENT_ID: LOCAL_IDP_CLIENT.clientId,
    ENTRA_SSO_CLIENT_AUTH: 'secret',
    ENTRA_SSO_CLIENT_SECRET: LOCAL_IDP_CLIENT.clientSecret,
  };
  return { idp, env };
}

/**
 * What a browser does at the provider, over plain HTTP: follows its redirects with its cookies, fills the
 * login form (ticking «Verificar con segundo factor» when asked) and stops at the app's redirect URI,
 * whose URL it answers (with `code`, `state`, `iss`). Throws with the page when the provider refuses.
 */
export async function signInAtIdp(authorizationUrl: string, form: { email: string; password: string; secondFactor: boolean }) {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let request: RequestInit = { method: 'GET' };
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const [name, value] = [pair.slice(0, index), pair.slice(index + 1)];
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (url.toString().startsWith(REDIRECT_URI)) return url;
      request = { method: 'GET' };
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action) throw new Error(`El proveedor respondió ${response.status}: ${page.slice(0, 500)}`);
    const body = new URLSearchParams({ email: form.email, password: form.password, ...(form.secondFactor && { secondFactor: 'on' }) });
    url = new URL(action.replaceAll('&amp;', '&'), url);
    request = { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('Demasiadas redirecciones en el proveedor local');
}
