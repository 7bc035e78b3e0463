import type { Cookie, HttpRequest } from '@azure/functions';
import { readCookie } from './request';

/**
 * The sealed sign-in flow (state, nonce, PKCE verifier) between «Ingresar con cuenta institucional» and
 * Entra's answer. SameSite=Lax, not Strict: Entra sends the browser back with a cross-site top-level GET,
 * which carries Lax cookies only. Sent only to the callback's path; gone after 10 minutes or one use.
 */
const PATH = '/api/sso/entra/';
const cookieName = (secure: boolean) => (secure ? '__Secure-ihce_sso' : 'ihce_sso');

export function ssoFlowCookie(value: string, secure: boolean): Cookie {
  return { name: cookieName(secure), value, path: PATH, httpOnly: true, secure, sameSite: 'Lax', maxAge: 600 };
}

export function clearedSsoFlowCookie(secure: boolean): Cookie {
  return { name: cookieName(secure), value: '', path: PATH, httpOnly: true, secure, sameSite: 'Lax', maxAge: 0 };
}

export function readSsoFlow(request: HttpRequest, secure: boolean): string | undefined {
  return readCookie(request, cookieName(secure));
}

/** Where a refused or failed Entra sign-in lands: the sign-in page, which shows the Spanish message for `code`. */
export function signInPageWith(publicBaseUrl: string, code: string): string {
  const url = new URL('/ingresar', publicBaseUrl);
  url.searchParams.set('sso', code);
  return url.toString();
}
