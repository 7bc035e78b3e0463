import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { SessionService } from '../accounts/session.service';
import { AppError, forbidden, unauthenticated } from '../kernel/app-error';
import type { Clock } from '../platform/clock';
import type { RateLimiter, RateLimitRule } from '../platform/rate-limiter';
import type { Access, Caller, HttpCall, HttpFunctionDefinition, HttpMethod } from './function-definition';
import { errorToResponse } from './problem';
import { bodyTooLarge, clientAddress, MAX_BODY_BYTES, type UntrustedReason } from './request';
import { isSecureOrigin, readSessionId } from './session-cookie';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Calls that arrive without a client address (a misconfigured proxy, a direct hit on the app) share one
 * bucket: together they get what one address gets, never an unlimited pass.
 */
export const UNKNOWN_CLIENT = 'sin-direccion';
/**
 * The first call without a trusted address in each window (per instance) leaves a warning that starts with this
 * text; an alert rule counts it in Application Insights. More than that would only repeat itself under a flood.
 */
export const UNKNOWN_CLIENT_WARNING = 'IHCE-SIN-DIRECCION';
export const UNKNOWN_CLIENT_WARNING_WINDOW_MS = 5 * 60 * 1000;
let lastWarnedWindow = -1;

/** Headers on every API answer: nothing here is cacheable, nothing may be sniffed or framed. */
export const API_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // JSON is never a document: nothing in it may load or be framed, even if a browser were tricked into rendering it.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

/** What the pipeline itself uses of the app's services. */
export type PipelineServices = {
  config: { PUBLIC_BASE_URL: string; FRONT_DOOR_ID?: string | undefined };
  clock: Clock;
  sessions: Pick<SessionService, 'resolve'>;
  rateLimiter: Pick<RateLimiter, 'hit'>;
};

/** With `ifMatchRequired`, the handler is sure to get the version the caller saw. */
type VersionFor<V> = V extends string ? { ifMatch: string } : unknown;

/**
 * Wraps a feature handler with what every route needs, in one place: body size limit, CSRF defence by
 * Origin on state-changing calls, the caller's session and role, If-Match where a save must not overwrite
 * blindly, and errors mapped to problem+json.
 */
export function defineHttp<A extends Access, S extends PipelineServices, V extends string | undefined = undefined>(definition: {
  name: string;
  route: string;
  methods: HttpMethod[];
  access: A;
  /** Per-IP limits counted before anything else runs (per-account ones are counted by the use case). */
  rateLimits?: RateLimitRule[];
  /** When set, a call without If-Match is refused with 428 and this message. */
  ifMatchRequired?: V;
  /** A larger declared body than the default 64 KB (uploads); the handler reads and checks it. */
  maxBodyBytes?: number;
  handler: (request: HttpRequest, call: HttpCall<A, S> & VersionFor<V>) => Promise<HttpResponseInit>;
}): HttpFunctionDefinition<S> {
  const { handler, access, rateLimits = [], ifMatchRequired, maxBodyBytes = MAX_BODY_BYTES, ...rest } = definition;
  return {
    trigger: 'http',
    ...rest,
    access,
    ...(maxBodyBytes !== MAX_BODY_BYTES && { maxBodyBytes }),
    handler: async (request, { services, context }) => {
      const instance = new URL(request.url).pathname;
      let response: HttpResponseInit;
      try {
        const caller = await admit(request, access, rateLimits, services, context, maxBodyBytes);
        const ifMatch = ifMatchRequired === undefined ? undefined : requireIfMatch(request, ifMatchRequired);
        const call = { caller, services, context, ...(ifMatch !== undefined && { ifMatch }) };
        response = await handler(request, call as HttpCall<A, S> & VersionFor<V>);
      } catch (error) {
        response = errorToResponse(error, context, instance);
      }
      return withHeaders(response);
    },
  };
}

async function admit(
  request: HttpRequest,
  access: Access,
  rateLimits: RateLimitRule[],
  services: PipelineServices,
  context: InvocationContext,
  maxBodyBytes: number,
): Promise<Caller> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  const { config, sessions, rateLimiter } = services;
  if (UNSAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request, config.PUBLIC_BASE_URL);

  const { ip, untrusted } = clientAddress(request, config.FRONT_DOOR_ID);
  if (untrusted) warnUnknownClient(untrusted, services.clock, context);
  for (const rule of rateLimits) await rateLimiter.hit(rule, ip ?? UNKNOWN_CLIENT);
  const sessionId = readSessionId(request, isSecureOrigin(config.PUBLIC_BASE_URL));
  if (access === 'public') return { ip, sessionId, user: undefined };

  const found = await sessions.resolve(sessionId);
  // A session waiting for its second factor is no session anywhere but on the factor's own routes.
  const pending = found?.session.stage === 'second-factor';
  if (!found || (pending && access !== 'second-factor')) throw unauthenticated('Su sesión no está activa o venció. Ingrese de nuevo.');
  const { user, session } = found;
  if (access !== 'authenticated' && access !== 'second-factor' && user.role !== access) throw forbidden();
  return { ip, sessionId, user, secondFactorAt: session.secondFactorAt, pendingSecondFactor: pending };
}

function warnUnknownClient(reason: UntrustedReason, clock: Clock, context: InvocationContext): void {
  const window = Math.floor(clock.now().getTime() / UNKNOWN_CLIENT_WARNING_WINDOW_MS);
  if (window === lastWarnedWindow) return;
  lastWarnedWindow = window;
  context.warn(
    `${UNKNOWN_CLIENT_WARNING}: solicitud sin dirección de cliente confiable (${reason}); se cuenta en el límite compartido «${UNKNOWN_CLIENT}». ` +
      'Revise que llegue por Front Door con el X-Azure-FDID de FRONT_DOOR_ID.',
  );
}

function requireIfMatch(request: HttpRequest, message: string): string {
  const ifMatch = request.headers.get('if-match');
  if (!ifMatch) throw new AppError('version-requerida', 428, message);
  return ifMatch;
}

/**
 * A browser always sends Origin (or Sec-Fetch-Site) on a cross-site POST; refusing foreign ones stops
 * CSRF even if SameSite were bypassed. Calls from non-browser clients carry neither and are let through.
 */
function assertSameOrigin(request: HttpRequest, publicBaseUrl: string): void {
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(publicBaseUrl).origin, new URL(request.url).origin]);
  if (origin && origin !== 'null' && allowed.has(origin)) return;
  if (!origin && (request.headers.get('sec-fetch-site') ?? 'same-origin') === 'same-origin') return;
  throw new AppError('origen-no-permitido', 403, 'La solicitud viene de un origen no permitido.');
}

function withHeaders(response: HttpResponseInit): HttpResponseInit {
  const headers = new Headers(response.headers as HeadersInit | undefined);
  for (const [name, value] of Object.entries(API_HEADERS)) if (!headers.has(name)) headers.set(name, value);
  return { ...response, headers: Object.fromEntries(headers.entries()) };
}
