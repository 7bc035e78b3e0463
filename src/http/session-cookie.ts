import type { Cookie, HttpRequest } from '@azure/functions';
import { SESSION_ABSOLUTE_MS } from '../accounts/session.service';
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

export function sessionCookie(sessionId: string, secure: boolean): Cookie {
  return {
    name: cookieName(secure),
    value: sessionId,
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  };
}

export function clearedSessionCookie(secure: boolean): Cookie {
  return { name: cookieName(secure), value: '', path: '/', httpOnly: true, secure, sameSite: 'Strict', maxAge: 0 };
}
