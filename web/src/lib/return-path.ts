/**
 * Where a person was going when the app asked them to sign in first (a link from an e-mail, say), kept for the
 * tab across the sign-in, the second factor and the round trip to Entra ID, then followed once.
 * Only a path of this very site is ever kept or followed (no open redirect).
 */

const STORAGE_KEY = 'ihce.volver';
const PROBE_ORIGIN = 'https://ihce.invalid';
/** Pages of the sign-in itself: going back to them after signing in would go nowhere. */
const SIGN_IN_PAGES = new Set(['/ingresar', '/segundo-factor', '/registro', '/activar', '/restablecer', '/recuperar']);

/**
 * The path and query of `value` when it is a relative path of this site (one leading «/»), else undefined.
 * Refuses `//host`, `/\host` and any backslash (browsers read it as «/»), schemes (`https:`, `javascript:`),
 * control characters (the URL parser drops tabs and newlines, turning «/\t/host» into «//host») and the
 * fragment (activation and reset links carry their token there).
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2_000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PROBE_ORIGIN || SIGN_IN_PAGES.has(url.pathname)) return undefined;
  return url.pathname + url.search;
}

/** Remembers where to go after signing in (ignored unless `safeReturnPath` accepts it). */
export function rememberReturnPath(path: string): void {
  const safe = safeReturnPath(path);
  if (safe) storage()?.setItem(STORAGE_KEY, safe);
}

/** The remembered path, forgotten as it is read: it is followed once. */
export function takeReturnPath(): string | undefined {
  const store = storage();
  const value = store?.getItem(STORAGE_KEY);
  store?.removeItem(STORAGE_KEY);
  return safeReturnPath(value);
}

/** Session storage, when the browser allows it (a private window may refuse it: then the home page, as before). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Signing out: nothing of this person's way is followed by the next one to sign in on this tab. */
export function forgetReturnPath(): void {
  storage()?.removeItem(STORAGE_KEY);
}
