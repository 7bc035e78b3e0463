import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asDirectoryObject } from './entra-simulator-pages';
import type { TokenEndpoint } from './entra-simulator-token';

/** The directory objects of the Entra ID simulator (entra-simulator.ts), its password credentials and its HTTP plumbing. */

export type PasswordCredential = {
  keyId: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
  hint: string;
  secretText: string;
};
/** A certificate credential (Graph keyCredential); `key` is the certificate, DER as base64. */
export type KeyCredential = {
  keyId: string;
  type: string;
  usage: string;
  key: string;
  customKeyIdentifier: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
};
export type Application = {
  id: string;
  appId: string;
  displayName: string;
  uniqueName?: string;
  signInAudience: string;
  notes?: string;
  tags: string[];
  createdDateTime: string;
  passwordCredentials: PasswordCredential[];
  /** Certificates (PATCH /applications/{id}, entra-simulator-keys.ts); absent means none. */
  keyCredentials?: KeyCredential[];
  /** The service principal that created it (the app's own identity), as Entra ID makes it an owner. */
  ownerId?: string;
};
export type ServicePrincipal = { id: string; appId: string; displayName: string; ownerId?: string };
export type AppRoleAssignment = { id: string; principalId: string; resourceId: string; appRoleId: string; createdDateTime: string };

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
export type Caller = 'runtime' | 'admin';

export type EntraSimulator = {
  url: string;
  /** `/{tenant}/oauth2/v2.0/token`, its JWKS and the IHCE APIs it issues tokens for (entra-simulator-token.ts). */
  tokens: TokenEndpoint;
  /** The next `times` requests matching method and path get this answer instead. */
  inject(fault: SimulatorFault): void;
  clearFaults(): void;
  /** Holds the next request matching method and path before it is applied (`arrived`) until `release()`: a forced interleaving. */
  hold(match: { method: string; path: RegExp }): { arrived: Promise<void>; release(): void };
  calls: SimulatorCall[];
  /** The app's own service principal (SIMULATOR_RUNTIME_APP_ID): owner of what the app creates. */
  runtimePrincipalId: string;
  applications(): Application[];
  servicePrincipals(): ServicePrincipal[];
  appRoleAssignments(): AppRoleAssignment[];
  /** Every secretText ever issued, so a test can look for it where it must not be. */
  issuedSecrets(): string[];
  /** An application's certificates (keyCredentials), readable by a client-assertion check (entra-simulator-keys.ts certificatesOf). */
  keyCredentials(appId: string): KeyCredential[];
  /** A resource application (the IHCE API) with its service principal, for the app-role grant. */
  addResourceApplication(appId: string, displayName: string): void;
  close(): Promise<void>;
};

type Answer = { status: number; body?: unknown };
const MAX_BODY = 64 * 1024;

export const graphError = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
});
export const notFound = (what: string) =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const badRequest = (message: string) => graphError(400, 'Request_BadRequest', message);

export const publicApplication = ({ passwordCredentials, ownerId: _owner, ...rest }: Application) => ({
  ...rest,
  keyCredentials: rest.keyCredentials ?? [],
  passwordCredentials: passwordCredentials.map(({ secretText: _secret, ...credential }) => ({ ...credential, secretText: null })),
});
export const select = (value: Record<string, unknown>, query: URLSearchParams) => {
  const fields = query
    .get('$select')
    ?.split(',')
    .map((field) => field.trim());
  return fields ? Object.fromEntries(fields.filter((field) => field in value).map((field) => [field, value[field]])) : value;
};

/** `POST /servicePrincipals/{id}/appRoleAssignments` by a caller allowed to grant (Graph's checks and its duplicate answer). */
export function grantAppRole(
  assignments: Map<string, AppRoleAssignment[]>,
  principalId: string,
  body: Record<string, unknown>,
  exists: (id: string) => boolean,
): Answer {
  const list = assignments.get(principalId) ?? [];
  if (body.principalId !== principalId || typeof body.resourceId !== 'string' || typeof body.appRoleId !== 'string')
    return badRequest('principalId, resourceId and appRoleId are required.');
  if (!exists(body.resourceId)) return notFound(body.resourceId);
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

/** `GET /servicePrincipals/{id}/ownedObjects`: what that principal created, each typed as a directoryObject. */
export function ownedBy(id: string, applications: Iterable<Application>, principals: Iterable<ServicePrincipal>) {
  return [
    ...[...applications].filter((app) => app.ownerId === id).map((app) => asDirectoryObject('application', publicApplication(app))),
    ...[...principals].filter((sp) => sp.ownerId === id).map(({ ownerId: _owner, ...sp }) => asDirectoryObject('servicePrincipal', sp)),
  ];
}

/** `POST /applications/{id}/addPassword`: a new credential within the tenant's lifetime policy; `secretText` only in this answer. */
export function addPassword(
  application: Application,
  body: Record<string, unknown>,
  maxLifetimeMs: number,
  badRequest: (message: string) => Answer,
): { answer: Answer; secretText: string } | { answer: Answer } {
  const requested = (body.passwordCredential ?? {}) as { displayName?: unknown; endDateTime?: unknown };
  const now = Date.now();
  const end = typeof requested.endDateTime === 'string' ? Date.parse(requested.endDateTime) : now + 730 * 86_400_000;
  if (Number.isNaN(end) || end <= now)
    return { answer: badRequest('Invalid value specified for property endDateTime of resource PasswordCredential.') };
  if (end - now > maxLifetimeMs) return { answer: badRequest('Credential lifetime exceeds the max value allowed as per assigned policy.') };
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
  return {
    secretText,
    answer: {
      status: 200,
      body: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordCredential',
        customKeyIdentifier: null,
        ...credential,
      },
    },
  };
}

/** `POST /applications/{id}/removePassword`. */
export function removePassword(application: Application, body: Record<string, unknown>, badRequest: (message: string) => Answer): Answer {
  const keyId = String(body.keyId ?? '');
  const index = application.passwordCredentials.findIndex((credential) => credential.keyId === keyId);
  if (index < 0) return badRequest(`No password credential found with keyId ${keyId}.`);
  application.passwordCredentials.splice(index, 1);
  return { status: 204 };
}

export async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | 'too-large' | 'invalid'> {
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

export function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, {
    'request-id': randomUUID(),
    ...(body !== undefined && { 'content-type': 'application/json;odata.metadata=minimal;charset=utf-8' }),
    ...headers,
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}
