import {
  Client,
  GraphError,
  MiddlewareFactory,
  RetryHandlerOptions,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { RegistrarError } from '../../credentials/app-registrar.port';

export type GraphEnvironmentOptions = {
  tenantId: string;
  credential: TokenCredential;
  /** The IHCE API (appId) and the app role each provider's service principal needs (granted by an administrator); optional. */
  apiAppId?: string | undefined;
  apiAppRoleId?: string | undefined;
};

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GRAPH_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

export const statusOf = (error: unknown) => (error instanceof GraphError ? error.statusCode : undefined);

/**
 * A POST that creates something is retried by the client only on 429 (throttled: Graph did nothing). After
 * a 503/504 the credential may exist already, so a blind retry could make a second one nobody knows of.
 */
export const retryOnlyThrottled = new RetryHandlerOptions(
  undefined,
  undefined,
  (_delay, _attempt, _request, _options, response) => response?.status === 429,
);

/** Right after an application is created, other calls may not see it yet (directory replication). */
export async function afterReplication<T>(call: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if (attempt >= attempts || (status !== 404 && status !== 400)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
export const quote = (value: string) => value.replace(/'/g, "''");

/** Graph's answer turned into the reason the official's screen gives; the raw message only goes to the log. */
export function translate(error: unknown, action: string): never {
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    throw new RegistrarError('forbidden', `Microsoft Graph negó el permiso para ${action} (HTTP ${status}).`, undefined, { cause: error });
  }
  if (status === 429) {
    const header = error instanceof GraphError ? error.headers?.get('retry-after') : undefined;
    const seconds = header && /^\d+$/.test(header) ? Number(header) : 30;
    throw new RegistrarError('throttled', `Microsoft Graph limitó las solicitudes al ${action} (HTTP 429).`, seconds, { cause: error });
  }
  throw new RegistrarError(
    'unavailable',
    `Microsoft Graph no respondió como se esperaba al ${action} (HTTP ${status ?? 'sin respuesta'}).`,
    undefined,
    { cause: error },
  );
}

/**
 * The SDK attaches its token only to https Graph hosts. The local simulator listens on plain http on
 * loopback, so for it (and only it) the first step of the SDK's default chain is swapped for this one;
 * retries, redirects, telemetry and the HTTP handler stay the SDK's own.
 */
class LoopbackAuthentication implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly provider: AuthenticationProvider) {}
  async execute(context: Context): Promise<void> {
    const token = await this.provider.getAccessToken();
    const headers = new Headers((context.options?.headers ?? {}) as HeadersInit);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** GRAPH_BASE_URL, checked: https, or plain http only for the local simulator on loopback. */
export function graphBaseUrl(baseUrl: string): URL {
  const base = new URL(baseUrl);
  if (base.protocol === 'http:' && !LOOPBACK.has(base.hostname))
    throw new Error('GRAPH_BASE_URL debe ser https (http solo para el simulador local en 127.0.0.1)');
  return base;
}

/** One client per environment, because each environment lives in its own tenant. */
export function createGraphClient(base: URL, settings: GraphEnvironmentOptions): Client {
  const loopback = base.protocol === 'http:';
  const authProvider: AuthenticationProvider = {
    async getAccessToken() {
      const token = await settings.credential.getToken(GRAPH_SCOPE, { tenantId: settings.tenantId });
      if (!token) throw new Error('No se obtuvo un token para Microsoft Graph');
      return token.token;
    },
  };
  return Client.initWithMiddleware({
    baseUrl: `${base.origin}/`,
    defaultVersion: 'v1.0',
    ...(loopback
      ? {
          middleware: [new LoopbackAuthentication(authProvider), ...MiddlewareFactory.getDefaultMiddlewareChain(authProvider).slice(1)],
        }
      : {
          authProvider,
          // The client sends its token only to Graph's hosts; any other https host must be named.
          ...(!GRAPH_HOSTS.has(base.hostname) && { customHosts: new Set([base.hostname]) }),
        }),
  });
}
