import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_RUNTIME_APP_ID, SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { asDirectoryObject, page } from './entra-simulator-pages';

/**
 * A local stand-in for the part of Microsoft Graph v1.0 that «Generar en Entra ID» uses, speaking its
 * documented REST contract: the lookups by alternate key `GET /applications(uniqueName='…')` and
 * `GET /servicePrincipals(appId='…')`, the upsert `PATCH /applications(uniqueName='…')` with
 * `Prefer: create-if-missing`, `POST /applications` (which refuses `uniqueName`, read-only there),
 * `GET /applications/{id}`, `POST /servicePrincipals`,
 * `GET|POST /servicePrincipals/{id}/appRoleAssignments`, `POST /applications/{id}/addPassword` and
 * `POST /applications/{id}/removePassword`, and for the administrator's grant step
 * `GET /servicePrincipals/{id}/ownedObjects` and `GET /servicePrincipals/{id}/appRoleAssignedTo` (paged), with
 * Graph's error body (`{ error: { code, message } }`), 401 without a bearer token, and injectable 403/429/5xx
 * answers. Two callers are told apart by their token: the app (SIMULATOR_TOKEN), which owns what it creates
 * and, like an identity holding only Application.ReadWrite.OwnedBy, gets 403 on granting an app role; and a
 * tenant administrator (SIMULATOR_ADMIN_TOKEN), who may. Loopback only; used by `npm start`
 * (so the button can be tried) and by the tests (so the real Graph client is exercised over HTTP).
 */

type PasswordCredential = {
  keyId: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
  hint: string;
  secretText: string;
};
type Application = {
  id: string;
  appId: string;
  displayName: string;
  uniqueName?: string;
  signInAudience: string;
  notes?: string;
  tags: string[];
  createdDateTime: string;
  passwordCredentials: PasswordCredential[];
  /** The service principal that created it (the app's own identity), as Entra ID makes it an owner. */
  ownerId?: string;
};
type ServicePrincipal = { id: string; appId: string; displayName: string; ownerId?: string };
type AppRoleAssignment = { id: string; principalId: string; resourceId: string; appRoleId: string; createdDateTime: string };

export type SimulatorFault = {
  method?: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  code?: string;
  message?: string;
};
export type SimulatorCall = { method: string; path: string; status: number; caller: Caller };
type Caller = 'runtime' | 'admin';

export type EntraSimulator = {
  url: string;
  /** The next `times` requests matching method and path get this answer instead. */
  inject(fault: SimulatorFault): void;
  clearFaults(): void;
  calls: SimulatorCall[];
  /** The app's own service principal (SIMULATOR_RUNTIME_APP_ID): owner of what the app creates. */
  runtimePrincipalId: string;
  applications(): Application[];
  servicePrincipals(): ServicePrincipal[];
  appRoleAssignments(): AppRoleAssignment[];
  /** Every secretText ever issued, so a test can look for it where it must not be. */
  issuedSecrets(): string[];
  /** A resource application (the IHCE API) with its service principal, for the app-role grant. */
  addResourceApplication(appId: string, displayName: string): void;
  close(): Promise<void>;
};

const MAX_BODY = 64 * 1024;

export async function startEntraSimulator(options: { port?: number; maxSecretLifetimeDays?: number } = {}): Promise<EntraSimulator> {
  const applications = new Map<string, Application>();
  const principals = new Map<string, ServicePrincipal>();
  const assignments = new Map<string, AppRoleAssignment[]>();
  const issued: string[] = [];
  const faults: SimulatorFault[] = [];
  const calls: SimulatorCall[] = [];
  const maxLifetimeMs = (options.maxSecretLifetimeDays ?? 730) * 86_400_000 + 86_400_000;
  const runtimePrincipalId = randomUUID();
  principals.set(runtimePrincipalId, { id: runtimePrincipalId, appId: SIMULATOR_RUNTIME_APP_ID, displayName: 'IHCE Llaves de acceso' });

  const graphError = (status: number, code: string, message: string) => ({
    status,
    body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
  });
  const notFound = (what: string) =>
    graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
    );
  const badRequest = (message: string) => graphError(400, 'Request_BadRequest', message);

  const publicApplication = ({ passwordCredentials, ownerId: _owner, ...rest }: Application) => ({
    ...rest,
    passwordCredentials: passwordCredentials.map(({ secretText: _secret, ...credential }) => ({ ...credential, secretText: null })),
  });
  const select = (value: Record<string, unknown>, query: URLSearchParams) => {
    const fields = query
      .get('$select')
      ?.split(',')
      .map((field) => field.trim());
    return fields ? Object.fromEntries(fields.filter((field) => field in value).map((field) => [field, value[field]])) : value;
  };
  const findByAppId = (appId: string) => [...principals.values()].find((principal) => principal.appId === appId);

  function createApplication(body: Record<string, unknown>, ownerId: string | undefined, uniqueName?: string): Application {
    const application: Application = {
      id: randomUUID(),
      appId: randomUUID(),
      displayName: String(body.displayName),
      ...(uniqueName && { uniqueName }),
      signInAudience: typeof body.signInAudience === 'string' ? body.signInAudience : 'AzureADMyOrg',
      ...(typeof body.notes === 'string' && { notes: body.notes }),
      tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
      createdDateTime: new Date().toISOString(),
      passwordCredentials: [],
      ...(ownerId && { ownerId }),
    };
    applications.set(application.id, application);
    return application;
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    prefer: string,
    caller: Caller,
    self: string,
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    let match: RegExpExecArray | null;
    const owner = caller === 'runtime' ? runtimePrincipalId : undefined;
    if ((match = /^\/v1\.0\/applications\(uniqueName='((?:[^']|'')+)'\)$/.exec(path))) {
      const uniqueName = match[1]!.replace(/''/g, "'");
      const application = [...applications.values()].find((app) => app.uniqueName === uniqueName);
      if (method === 'GET')
        return application ? { status: 200, body: select(publicApplication(application), query) } : notFound(uniqueName);
      if (method === 'PATCH') {
        // Upsert (application-upsert): creates only with `Prefer: create-if-missing`; updates answer 204.
        if (application) {
          if (typeof body.displayName === 'string') application.displayName = body.displayName;
          return { status: 204 };
        }
        if (!/create-if-missing/i.test(prefer)) return notFound(uniqueName);
        if (typeof body.displayName !== 'string' || !body.displayName) return badRequest("Property 'displayName' is required.");
        return { status: 201, body: publicApplication(createApplication(body, owner, uniqueName)) };
      }
    }
    if ((match = /^\/v1\.0\/applications\/([0-9a-f-]{36})$/.exec(path)) && method === 'GET') {
      const application = applications.get(match[1]!);
      return application ? { status: 200, body: select(publicApplication(application), query) } : notFound(match[1]!);
    }
    if (path === '/v1.0/applications' && method === 'POST') {
      if (typeof body.displayName !== 'string' || !body.displayName) return badRequest("Property 'displayName' is required.");
      if (body.uniqueName !== undefined) return badRequest("Property 'uniqueName' is read-only and cannot be set.");
      return { status: 201, body: publicApplication(createApplication(body, owner)) };
    }
    if ((match = /^\/v1\.0\/servicePrincipals\(appId='([0-9a-f-]{36})'\)$/.exec(path)) && method === 'GET') {
      const principal = findByAppId(match[1]!);
      return principal ? { status: 200, body: select(principal, query) } : notFound(match[1]!);
    }
    if (path === '/v1.0/servicePrincipals' && method === 'POST') {
      const appId = String(body.appId ?? '');
      const application = [...applications.values()].find((app) => app.appId === appId);
      if (!application) return badRequest(`The appId '${appId}' of the service principal does not reference a valid application object.`);
      if (findByAppId(appId))
        return graphError(
          409,
          'Request_MultipleObjectsWithSameKeyValue',
          'Another object with the same value for property servicePrincipalNames already exists.',
        );
      const principal = { id: randomUUID(), appId, displayName: application.displayName, ...(owner && { ownerId: owner }) };
      principals.set(principal.id, principal);
      return { status: 201, body: { id: principal.id, appId, displayName: principal.displayName } };
    }
    if ((match = /^\/v1\.0\/servicePrincipals\/([0-9a-f-]{36})\/appRoleAssignments$/.exec(path))) {
      const principalId = match[1]!;
      if (!principals.has(principalId)) return notFound(principalId);
      const list = assignments.get(principalId) ?? [];
      if (method === 'GET') return { status: 200, body: { value: list } };
      if (method === 'POST') {
        // The app's identity holds Application.ReadWrite.OwnedBy only: granting an app role is not among its rights.
        if (caller === 'runtime')
          return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
        if (body.principalId !== principalId || typeof body.resourceId !== 'string' || typeof body.appRoleId !== 'string')
          return badRequest('principalId, resourceId and appRoleId are required.');
        if (!principals.has(body.resourceId)) return notFound(body.resourceId);
        if (list.some((item) => item.resourceId === body.resourceId && item.appRoleId === body.appRoleId))
          return badRequest('Permission being assigned already exists on the object');
        const assignment = {
          id: randomBytes(16).toString('base64url'),
          principalId,
          resourceId: body.resourceId,
          appRoleId: body.appRoleId,
          createdDateTime: new Date().toISOString(),
        };
        assignments.set(principalId, [...list, assignment]);
        return { status: 201, body: assignment };
      }
    }
    if ((match = /^\/v1\.0\/servicePrincipals\/([0-9a-f-]{36})\/(ownedObjects|appRoleAssignedTo)$/.exec(path)) && method === 'GET') {
      const id = match[1]!;
      if (!principals.has(id)) return notFound(id);
      if (match[2] === 'appRoleAssignedTo')
        return {
          status: 200,
          body: page(
            [...assignments.values()].flat().filter((a) => a.resourceId === id),
            query,
            self,
          ),
        };
      const owned = [
        ...[...applications.values()]
          .filter((app) => app.ownerId === id)
          .map((app) => asDirectoryObject('application', publicApplication(app))),
        ...[...principals.values()]
          .filter((sp) => sp.ownerId === id)
          .map(({ ownerId: _owner, ...sp }) => asDirectoryObject('servicePrincipal', sp)),
      ];
      return { status: 200, body: page(owned, query, self) };
    }
    if ((match = /^\/v1\.0\/applications\/([0-9a-f-]{36})\/(addPassword|removePassword)$/.exec(path)) && method === 'POST') {
      const application = applications.get(match[1]!);
      if (!application) return notFound(match[1]!);
      if (match[2] === 'addPassword') {
        const requested = (body.passwordCredential ?? {}) as { displayName?: unknown; endDateTime?: unknown };
        const now = Date.now();
        const end = typeof requested.endDateTime === 'string' ? Date.parse(requested.endDateTime) : now + 730 * 86_400_000;
        if (Number.isNaN(end) || end <= now)
          return badRequest('Invalid value specified for property endDateTime of resource PasswordCredential.');
        if (end - now > maxLifetimeMs) return badRequest('Credential lifetime exceeds the max value allowed as per assigned policy.');
        const secretText = `${randomBytes(3).toString('base64url').slice(0, 3)}8Q~${randomBytes(27).toString('base64url')}`;
        const credential: PasswordCredential = {
          keyId: randomUUID(),
          displayName: typeof requested.displayName === 'string' ? requested.displayName : '',
          startDateTime: new Date(now).toISOString(),
          endDateTime: new Date(end).toISOString(),
          hint: secretText.slice(0, 3),
          secretText,
        };
        application.passwordCredentials.push(credential);
        issued.push(secretText);
        return {
          status: 200,
          body: {
            '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordCredential',
            customKeyIdentifier: null,
            ...credential,
          },
        };
      }
      const keyId = String(body.keyId ?? '');
      const index = application.passwordCredentials.findIndex((credential) => credential.keyId === keyId);
      if (index < 0) return badRequest(`No password credential found with keyId ${keyId}.`);
      application.passwordCredentials.splice(index, 1);
      return { status: 204 };
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').at(-1)}'.`);
  }

  async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | 'too-large' | 'invalid'> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return 'too-large';
      chunks.push(chunk as Buffer);
    }
    if (size === 0) return {};
    try {
      const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'invalid';
    } catch {
      return 'invalid';
    }
  }

  function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    response.writeHead(status, {
      'request-id': randomUUID(),
      ...(body !== undefined && { 'content-type': 'application/json;odata.metadata=minimal;charset=utf-8' }),
      ...headers,
    });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulador');
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const caller: Caller | undefined =
      request.headers.authorization === `Bearer ${SIMULATOR_TOKEN}`
        ? 'runtime'
        : request.headers.authorization === `Bearer ${SIMULATOR_ADMIN_TOKEN}`
          ? 'admin'
          : undefined;
    const record = (status: number) => calls.push({ method, path, status, caller: caller ?? 'runtime' });
    const body = await readBody(request);
    if (!caller) {
      record(401);
      return send(response, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    }
    const fault = faults.find((item) => item.times > 0 && item.path.test(path) && (!item.method || item.method === method));
    if (fault) {
      fault.times--;
      record(fault.status);
      const defaults: Record<number, [string, string]> = {
        403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
        429: ['TooManyRequests', 'Too many requests.'],
        503: ['serviceNotAvailable', 'The service is temporarily unavailable.'],
      };
      const [code, message] = defaults[fault.status] ?? ['generalException', 'General exception while processing.'];
      return send(response, fault.status, { error: { code: fault.code ?? code, message: fault.message ?? message } }, fault.headers);
    }
    if (body === 'too-large') {
      record(413);
      return send(response, 413, { error: { code: 'RequestEntityTooLarge', message: 'Request body too large.' } });
    }
    if (
      body === 'invalid' ||
      ((method === 'POST' || method === 'PATCH') && !String(request.headers['content-type'] ?? '').startsWith('application/json'))
    ) {
      record(400);
      return send(response, 400, { error: { code: 'BadRequest', message: 'Unable to read JSON request payload.' } });
    }
    const self = `http://${request.headers.host ?? '127.0.0.1'}${url.pathname}${url.search}`;
    const result = route(method, path, url.searchParams, body, String(request.headers.prefer ?? ''), caller, self);
    record(result.status);
    send(response, result.status, result.body, result.headers);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inject: (fault) => faults.push({ ...fault }),
    clearFaults: () => void faults.splice(0),
    calls,
    runtimePrincipalId,
    applications: () => [...applications.values()],
    servicePrincipals: () => [...principals.values()],
    appRoleAssignments: () => [...assignments.values()].flat(),
    issuedSecrets: () => [...issued],
    addResourceApplication(appId, displayName) {
      const id = randomUUID();
      const createdDateTime = new Date().toISOString();
      applications.set(id, { id, appId, displayName, signInAudience: 'AzureADMyOrg', tags: [], createdDateTime, passwordCredentials: [] });
      const principalId = randomUUID();
      principals.set(principalId, { id: principalId, appId, displayName });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
