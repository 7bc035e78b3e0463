import { randomBytes } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

export const VAULT_URL = 'https://kv-ihce-pruebas.vault.azure.net';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TOKEN = 'token-de-prueba-key-vault';

/**
 * Speaks Key Vault's secrets REST contract (2025-07-01 and earlier) to the real SecretClient, in process:
 * an unauthenticated first call gets the 401 Bearer challenge naming the tenant and resource; set and get
 * by version behave as the service does (new version on every PUT, 404 SecretNotFound otherwise).
 * Only the machine's edge is replaced: the SDK's pipeline, challenge handling and parsing all run.
 */
export function createKeyVaultContract(options: { failWrites?: () => boolean; failReads?: () => boolean } = {}) {
  const secrets = new Map<
    string,
    Map<string, { value: string; contentType?: string; tags?: Record<string, string>; created: number; enabled: boolean; updated?: number }>
  >();
  const calls: { method: string; path: string; authorized: boolean; status: number }[] = [];

  const respond = (request: PipelineRequest, status: number, body?: unknown, headers: Record<string, string> = {}): PipelineResponse => ({
    request,
    status,
    headers: createHttpHeaders({
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': randomBytes(8).toString('hex'),
      ...headers,
    }),
    ...(body !== undefined && { bodyAsText: JSON.stringify(body) }),
  });

  const bundle = (name: string, version: string) => {
    const secret = secrets.get(name)!.get(version)!;
    return {
      value: secret.value,
      id: `${VAULT_URL}/secrets/${name}/${version}`,
      ...(secret.contentType && { contentType: secret.contentType }),
      ...(secret.tags && { tags: secret.tags }),
      attributes: {
        enabled: secret.enabled,
        created: secret.created,
        updated: secret.updated ?? secret.created,
        recoveryLevel: 'Recoverable+Purgeable',
        recoverableDays: 90,
      },
    };
  };

  const httpClient: HttpClient = {
    async sendRequest(request) {
      const url = new URL(request.url);
      const authorized = request.headers.get('authorization') === `Bearer ${TOKEN}`;
      const record = (status: number) => calls.push({ method: request.method, path: url.pathname, authorized, status });
      if (url.origin !== VAULT_URL || !url.searchParams.get('api-version')) {
        record(400);
        return respond(request, 400, { error: { code: 'BadParameter', message: 'Unknown vault or missing api-version' } });
      }
      if (!authorized) {
        record(401);
        return respond(
          request,
          401,
          { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
          {
            'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`,
          },
        );
      }
      const match = /^\/secrets\/([0-9a-zA-Z-]{1,127})(?:\/([0-9a-f]{32}))?\/?$/.exec(url.pathname);
      if (!match) {
        record(404);
        return respond(request, 404, { error: { code: 'NotFound', message: 'Unknown path' } });
      }
      const [, name, version] = match as unknown as [string, string, string | undefined];
      if (request.method === 'PUT' && !version) {
        if (options.failWrites?.()) {
          record(503);
          return respond(request, 503, { error: { code: 'ServiceUnavailable', message: 'Key Vault no disponible (simulado)' } });
        }
        const body = JSON.parse(String(request.body)) as { value: string; contentType?: string; tags?: Record<string, string> };
        const newVersion = randomBytes(16).toString('hex');
        const versions = secrets.get(name) ?? new Map();
        versions.set(newVersion, {
          value: body.value,
          contentType: body.contentType,
          tags: body.tags,
          created: Math.floor(Date.now() / 1000),
          enabled: true,
        });
        secrets.set(name, versions);
        record(200);
        return respond(request, 200, bundle(name, newVersion));
      }
      if (request.method === 'GET') {
        if (options.failReads?.()) {
          record(503);
          return respond(request, 503, { error: { code: 'ServiceUnavailable', message: 'Key Vault no disponible (simulado)' } });
        }
        const versions = secrets.get(name);
        const chosen = version ?? (versions ? [...versions.keys()].at(-1) : undefined);
        if (!versions || !chosen || !versions.has(chosen)) {
          record(404);
          return respond(request, 404, {
            error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name}/${version ?? ''} was not found in this key vault.` },
          });
        }
        if (!versions.get(chosen)!.enabled) {
          record(403);
          return respond(request, 403, {
            error: {
              code: 'Forbidden',
              message: 'Operation get is not allowed on a disabled secret.',
              innererror: { code: 'SecretDisabled' },
            },
          });
        }
        record(200);
        return respond(request, 200, bundle(name, chosen));
      }
      if (request.method === 'PATCH' && version) {
        // Update Secret (attributes only): how a version is disabled; the value never changes.
        const secret = secrets.get(name)?.get(version);
        if (!secret) {
          record(404);
          return respond(request, 404, {
            error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name}/${version} was not found in this key vault.` },
          });
        }
        const body = JSON.parse(String(request.body ?? '{}')) as { attributes?: { enabled?: boolean }; value?: unknown };
        if (body.value !== undefined) {
          record(400);
          return respond(request, 400, { error: { code: 'BadParameter', message: 'The value of a secret version cannot be changed.' } });
        }
        if (typeof body.attributes?.enabled === 'boolean') secret.enabled = body.attributes.enabled;
        secret.updated = Math.floor(Date.now() / 1000);
        record(200);
        const { value: _value, ...withoutValue } = bundle(name, version);
        return respond(request, 200, withoutValue);
      }
      record(405);
      return respond(request, 405, { error: { code: 'MethodNotAllowed', message: request.method } });
    },
  };

  const scopesRequested: string[][] = [];
  /** Entra ID is outside the machine: a credential that hands out the token the contract accepts. */
  const credential: TokenCredential = {
    async getToken(scopes, tokenOptions): Promise<AccessToken> {
      scopesRequested.push([...(Array.isArray(scopes) ? scopes : [scopes]), `tenant:${tokenOptions?.tenantId ?? ''}`]);
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };

  return { httpClient, credential, calls, scopesRequested, stored: secrets };
}
