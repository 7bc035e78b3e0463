import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { TokenChecker, TokenCheckRequest, TokenCheckResult } from '../../credentials/token-check.port';

const TIMEOUT_MS = 10_000;

/** Entra publishes the keys of a tenant's tokens beside its token endpoint: `/{tenant}/discovery/v2.0/keys`. */
export const jwksUrlOf = (tokenUrl: string) => tokenUrl.replace(/\/oauth2\/v2\.0\/token$/, '/discovery/v2.0/keys');

/**
 * The client-credentials request (RFC 6749 4.4, `client_secret_post`) as a plain form POST: an OAuth call,
 * not an SDK's. A token that comes back is verified against the environment's JWKS (signature, expiry, the
 * keys' tenant) and then dropped: only its lifetime, audience and roles leave this function.
 */
export function createTokenChecker(options: { fetch?: typeof fetch; timeoutMs?: number } = {}): TokenChecker {
  const doFetch = options.fetch ?? fetch;
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keysOf = (url: string) => {
    let keys = keySets.get(url);
    if (!keys) keySets.set(url, (keys = createRemoteJWKSet(new URL(url), { timeoutDuration: options.timeoutMs ?? TIMEOUT_MS })));
    return keys;
  };

  return {
    async check(request: TokenCheckRequest): Promise<TokenCheckResult> {
      let response: Response;
      try {
        response = await doFetch(request.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: request.clientId,
            client_secret: request.clientSecret,
            scope: request.scope,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
          redirect: 'error',
        });
      } catch {
        return { ok: false, kind: 'unreachable' };
      }
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok || typeof body.access_token !== 'string') return refusal(response, body);
      try {
        const { payload } = await jwtVerify(body.access_token, keysOf(jwksUrlOf(request.tokenUrl)), { clockTolerance: 300 });
        if (typeof payload.tid === 'string' && isGuid(request.tenantId) && payload.tid.toLowerCase() !== request.tenantId.toLowerCase())
          return { ok: false, kind: 'bad-token', description: 'El token trae otro tenant (tid).' };
        const lifetime = (payload.exp ?? 0) - (payload.iat ?? payload.nbf ?? 0);
        const seconds = lifetime > 0 ? lifetime : Number(body.expires_in) || 0;
        return {
          ok: true,
          lifetimeMinutes: Math.round(seconds / 60),
          audience: Array.isArray(payload.aud) ? payload.aud.join(' ') : String(payload.aud ?? ''),
          roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
        };
      } catch {
        return { ok: false, kind: 'bad-token', description: 'La firma o las fechas del token no son válidas.' };
      }
    },
  };
}

const isGuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function refusal(response: Response, body: Record<string, unknown>): TokenCheckResult {
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
  const code = codes.length > 0 ? `AADSTS${String(codes[0])}` : /^(AADSTS\d+)/.exec(description ?? '')?.[1];
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    kind: 'entra',
    code,
    error: typeof body.error === 'string' ? body.error : undefined,
    description: description?.slice(0, 1000),
    httpStatus: response.status,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfterSeconds: retryAfter }),
  };
}
