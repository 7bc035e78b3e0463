import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_RUNTIME_APP_ID, SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { createHolds } from './entra-simulator-holds';
import { createGraphRoutes } from './entra-simulator-graph';
import {
  readBody,
  send,
  type Application,
  type AppRoleAssignment,
  type Caller,
  type EntraSimulator,
  type ServicePrincipal,
  type SimulatorCall,
  type SimulatorFault,
} from './entra-simulator-model';
import type { SimulatedResource } from './entra-simulator-tenants';
import { createTokenEndpoint } from './entra-simulator-token';

/**
 * A local stand-in for the part of Microsoft Graph v1.0 that «Generar en Entra ID» uses, speaking its
 * documented REST contract: the lookups by alternate key `GET /applications(uniqueName='…')` and
 * `GET /servicePrincipals(appId='…')`, the upsert `PATCH /applications(uniqueName='…')` with
 * `Prefer: create-if-missing`, `POST /applications` (which refuses `uniqueName`, read-only there),
 * `GET /applications/{id}`, `PATCH /applications/{id}` (certificates: keyCredentials), `POST /servicePrincipals`,
 * `GET|POST /servicePrincipals/{id}/appRoleAssignments`, `POST /applications/{id}/addPassword` and
 * `POST /applications/{id}/removePassword`, and for the administrator's grant step
 * `GET /servicePrincipals/{id}/ownedObjects` and `GET /servicePrincipals/{id}/appRoleAssignedTo` (paged), with
 * Graph's error body (`{ error: { code, message } }`), 401 without a bearer token, and injectable 403/429/5xx
 * answers. Two callers are told apart by their token: the app (SIMULATOR_TOKEN), which owns what it creates
 * and, like an identity holding only Application.ReadWrite.OwnedBy, gets 403 on granting an app role; and a
 * tenant administrator (SIMULATOR_ADMIN_TOKEN), who may. Loopback only; used by `npm start`
 * (so the button can be tried) and by the tests (so the real Graph client is exercised over HTTP).
 * This file is the server and its gate (token, faults, holds, body checks); the Graph routes are in
 * entra-simulator-graph.ts, the token endpoint in entra-simulator-token.ts.
 */

export type { EntraSimulator, SimulatorCall, SimulatorFault } from './entra-simulator-model';

export async function startEntraSimulator(
  options: { port?: number; maxSecretLifetimeDays?: number; tenants?: string[]; resources?: SimulatedResource[] } = {},
): Promise<EntraSimulator> {
  const applications = new Map<string, Application>();
  const principals = new Map<string, ServicePrincipal>();
  const assignments = new Map<string, AppRoleAssignment[]>();
  const issued: string[] = [];
  const faults: SimulatorFault[] = [];
  const calls: SimulatorCall[] = [];
  const holds = createHolds();
  const maxLifetimeMs = (options.maxSecretLifetimeDays ?? 730) * 86_400_000 + 86_400_000;
  const runtimePrincipalId = randomUUID();
  principals.set(runtimePrincipalId, { id: runtimePrincipalId, appId: SIMULATOR_RUNTIME_APP_ID, displayName: 'IHCE Llaves de acceso' });

  const route = createGraphRoutes({ applications, principals, assignments, issued, runtimePrincipalId, maxLifetimeMs });

  // Entra's token endpoint (client credentials), its JWKS and configuration: entra-simulator-token.ts.
  const tokens = await createTokenEndpoint({ applications, principals, assignments, faults }, options);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulador');
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    if (await tokens.serve(request, response, path, `http://${request.headers.host ?? '127.0.0.1'}`)) return;
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
    await holds.pass(method, path);
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

  const simulator: EntraSimulator = {
    url: `http://127.0.0.1:${port}`,
    tokens,
    inject: (fault) => faults.push({ ...fault }),
    clearFaults: () => void faults.splice(0),
    hold: holds.hold,
    calls,
    runtimePrincipalId,
    applications: () => [...applications.values()],
    servicePrincipals: () => [...principals.values()],
    appRoleAssignments: () => [...assignments.values()].flat(),
    issuedSecrets: () => [...issued],
    keyCredentials: (appId) => [...applications.values()].find((app) => app.appId === appId)?.keyCredentials ?? [],
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
  for (const resource of tokens.resources) simulator.addResourceApplication(resource.appId, resource.displayName);
  return simulator;
}
