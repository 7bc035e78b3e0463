import { randomUUID } from 'node:crypto';
import {
  addPassword,
  badRequest,
  grantAppRole,
  graphError,
  notFound,
  ownedBy,
  publicApplication,
  removePassword,
  select,
  type Application,
  type AppRoleAssignment,
  type Caller,
  type ServicePrincipal,
} from './entra-simulator-model';
import { updateApplication } from './entra-simulator-keys';
import { page } from './entra-simulator-pages';

/** One Graph request, past the simulator's checks (caller known, no fault injected, a JSON body). */
export type GraphRoute = (
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
  prefer: string,
  caller: Caller,
  self: string,
) => { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * The Graph side of the Entra ID simulator: the applications (lookup and upsert by uniqueName, create, read,
 * PATCH of keyCredentials, addPassword/removePassword) and service principals (lookup by appId, create, app
 * role assignments, ownedObjects and appRoleAssignedTo) over the simulator's maps. What reaches it has passed
 * the server's gate in entra-simulator.ts (bearer token, injected faults, body size and content type).
 */
export function createGraphRoutes(directory: {
  applications: Map<string, Application>;
  principals: Map<string, ServicePrincipal>;
  assignments: Map<string, AppRoleAssignment[]>;
  /** Every secretText addPassword handed out, for the tests' secret scans. */
  issued: string[];
  runtimePrincipalId: string;
  /** The longest password lifetime the tenant allows, plus a day of leeway. */
  maxLifetimeMs: number;
}): GraphRoute {
  const { applications, principals, assignments, issued, runtimePrincipalId, maxLifetimeMs } = directory;

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

  return function route(method, path, query, body, prefer, caller, self) {
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
    if ((match = /^\/v1\.0\/applications\/([0-9a-f-]{36})$/.exec(path)) && method === 'PATCH') {
      const application = applications.get(match[1]!);
      return application ? updateApplication(application, body) : notFound(match[1]!);
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
        return grantAppRole(assignments, principalId, body, (id) => principals.has(id));
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
      return { status: 200, body: page(ownedBy(id, applications.values(), principals.values()), query, self) };
    }
    if ((match = /^\/v1\.0\/applications\/([0-9a-f-]{36})\/(addPassword|removePassword)$/.exec(path)) && method === 'POST') {
      const application = applications.get(match[1]!);
      if (!application) return notFound(match[1]!);
      if (match[2] === 'removePassword') return removePassword(application, body, badRequest);
      const added = addPassword(application, body, maxLifetimeMs, badRequest);
      if ('secretText' in added) issued.push(added.secretText);
      return added.answer;
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').at(-1)}'.`);
  };
}
