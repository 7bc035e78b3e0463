import type { Cookie, HttpRequest } from '@azure/functions';
import { readCookie } from './request';

/** `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP (localhost) cannot use the prefix. */
const cookieName = (secure: boolean) => (secure ? '__Host-ihce_sesion' : 'ihce_sesion');

export function isSecureOrigin(publicBaseUrl: string): boolean {
  return publicBaseUrl.startsWith('https://');
}

/** Only the cookie name of this deployment: over HTTPS a plain-named cookie (planted by a sibling host) is ignored. */
export function readSessionId(request: HttpRequest, secure: boolean): string | undefined {
  return readCookie(request, cookieName(secure));
}

/**
 * A browser-session cookie (no Max-Age, no Expires): closing the browser on a shared hospital computer ends
 * it. The server still ends the session after 30 idle minutes or 8 hours, whichever comes first.
 */
export function sessionCookie(sessionId: string, secure: boolean): Cookie {
  return { name: cookieName(secure), value: sessionId, path: '/', httpOnly: true, secure, sameSite: 'Strict' };
}

export function clearedSessionCookie(secure: boolean): Cookie {
  return { name: cookieName(secure), value: '', path: '/', httpOnly: true, secure, sameSite: 'Strict', maxAge: 0 };
}
