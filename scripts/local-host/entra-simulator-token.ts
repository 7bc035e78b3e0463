import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  entraError,
  LOCAL_RESOURCES,
  LOCAL_TENANTS,
  readForm,
  type Answer,
  type Form,
  type SimulatedResource,
} from './entra-simulator-tenants';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { verifyClientAssertion, type AssertionKey } from './entra-simulator-assertion';
import type { Application, AppRoleAssignment, ServicePrincipal, SimulatorFault } from './entra-simulator-model';

/**
 * The token side of the Entra ID simulator: Entra's v2.0 endpoint `POST /{tenant}/oauth2/v2.0/token` for the
 * client-credentials grant, its JWKS (`/{tenant}/discovery/v2.0/keys`) and OpenID configuration. It checks the
 * client secret (or the client assertion of a certificate) of the applications the simulator holds, signs
 * real RS256 JWTs with its own key, and answers Entra's errors as Entra writes them (`error`,
 * `error_description` starting `AADSTS…`, `error_codes`). Codes and texts follow
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
 */

/** Entra's client-credentials token lifetime as it answers `expires_in`. */
export const TOKEN_LIFETIME_SECONDS = 3599;

type Directory = {
  applications: Map<string, Application>;
  principals: Map<string, ServicePrincipal>;
  assignments: Map<string, AppRoleAssignment[]>;
  faults: SimulatorFault[];
};

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const KEYS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;
const CONFIG_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;

export async function createTokenEndpoint(directory: Directory, options: { tenants?: string[]; resources?: SimulatedResource[] } = {}) {
  const tenants = new Set((options.tenants ?? Object.values(LOCAL_TENANTS)).map((t) => t.toLowerCase()));
  const disabled = new Set<string>();
  const issued: string[] = [];
  const resources = (options.resources ?? LOCAL_RESOURCES).map((r) => ({ ...r, appId: r.appId ?? randomUUID() }));
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = createHash('sha256')
    .update(JSON.stringify(await exportJWK(publicKey)))
    .digest('base64url')
    .slice(0, 27);
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }] };

  const appByAppId = (appId: string) => [...directory.applications.values()].find((app) => app.appId.toLowerCase() === appId.toLowerCase());
  const principalOf = (appId: string) => [...directory.principals.values()].find((sp) => sp.appId.toLowerCase() === appId.toLowerCase());

  /** `api://x/.default` or `<appId>/.default`: the resource a client-credentials scope names. */
  function resourceOf(scope: string) {
    const id = scope.slice(0, -'/.default'.length);
    return resources.find((r) => r.identifierUri === id || r.appId === id.toLowerCase());
  }

  /** The app roles the client's service principal holds on the resource (granted through appRoleAssignments). */
  function rolesOf(appId: string, resource: (typeof resources)[number]) {
    const client = principalOf(appId);
    const resourcePrincipal = principalOf(resource.appId);
    if (!client || !resourcePrincipal) return [];
    const granted = [...directory.assignments.values()]
      .flat()
      .filter((a) => a.principalId === client.id && a.resourceId === resourcePrincipal.id);
    return resource.roles.filter((role) => granted.some((a) => a.appRoleId === role.id)).map((role) => role.value);
  }

  async function issue(tenant: string, base: string, form: Form): Promise<Answer> {
    if (form.grant_type !== 'client_credentials')
      return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const clientId = form.client_id ?? '';
    if (!clientId) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    const scope = form.scope ?? '';
    if (!scope) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
    if (!/^\S+\/\.default$/.test(scope))
      return entraError(
        400,
        'invalid_scope',
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      );
    const application = appByAppId(clientId);
    if (!application)
      return entraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    if (disabled.has(application.appId.toLowerCase()))
      return entraError(400, 'unauthorized_client', 7000112, `Application '${application.appId}'(${application.displayName}) is disabled.`);
    const method = await authenticate(application, form, `${base}/${tenant}/oauth2/v2.0/token`);
    if ('status' in method) return method;
    const resource = resourceOf(scope);
    if (!resource)
      return entraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${scope.slice(0, -'/.default'.length)} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    const roles = rolesOf(application.appId, resource);
    if (resource.assignmentRequired && roles.length === 0)
      return entraError(
        400,
        'invalid_grant',
        501051,
        `Application '${application.appId}'(${application.displayName}) is not assigned to a role for the application '${resource.identifierUri}'(${resource.displayName}).`,
      );
    const now = Math.floor(Date.now() / 1000);
    const issuer = `https://sts.windows.net/${tenant}/`;
    const principal = principalOf(application.appId);
    // A v1.0 access token, as Entra issues for an API whose accessTokenAcceptedVersion is not set.
    const token = await new SignJWT({
      appid: application.appId,
      appidacr: method.acr,
      idp: issuer,
      oid: principal?.id ?? application.id,
      ...(roles.length > 0 && { roles }),
      tid: tenant,
      uti: randomUUID().replace(/-/g, '').slice(0, 22),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid, x5t: kid })
      .setIssuer(issuer)
      .setAudience(resource.identifierUri)
      .setSubject(principal?.id ?? application.id)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
    issued.push(token);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: token },
    };
  }

  /** The secret's hash (or the assertion's key) must match a credential within its dates. */
  async function authenticate(application: Application, form: Form, audience: string): Promise<{ acr: '1' | '2' } | Answer> {
    if (form.client_assertion) {
      if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return entraError(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
      const keys = (application as Application & { keyCredentials?: AssertionKey[] }).keyCredentials ?? [];
      const outcome = await verifyClientAssertion(form.client_assertion, { clientId: application.appId, audience, keys });
      return outcome.ok ? { acr: '2' } : entraError(401, 'invalid_client', outcome.code, outcome.text);
    }
    if (!form.client_secret)
      return entraError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    const matching = application.passwordCredentials.filter((c) => c.secretText === form.client_secret);
    if (matching.length === 0)
      return entraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${application.appId}'.`,
      );
    const now = Date.now();
    if (!matching.some((c) => Date.parse(c.startDateTime) <= now && now < Date.parse(c.endDateTime)))
      return entraError(
        401,
        'invalid_client',
        7000222,
        `The provided client secret keys for app '${application.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      );
    return { acr: '1' };
  }

  function answer(method: string, path: string, form: Form, base: string): Promise<Answer> | Answer | undefined {
    const match = TOKEN_PATH.exec(path) ?? KEYS_PATH.exec(path) ?? CONFIG_PATH.exec(path);
    if (!match) return undefined;
    const tenant = match[1]!.toLowerCase();
    if (!tenants.has(tenant))
      return entraError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      );
    if (KEYS_PATH.test(path)) return { status: 200, body: jwks };
    if (CONFIG_PATH.test(path))
      return {
        status: 200,
        body: {
          issuer: `${base}/${tenant}/v2.0`,
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          tenant_region_scope: 'SA',
        },
      };
    if (method !== 'POST') return entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    const fault = directory.faults.find((f) => f.times > 0 && f.path.test(path) && (!f.method || f.method === method));
    if (fault) {
      fault.times--;
      return entraError(
        fault.status,
        'temporarily_unavailable',
        Number(fault.code ?? 50196),
        fault.message ?? 'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.',
        fault.headers,
      );
    }
    return issue(tenant, base, form);
  }

  return {
    jwks,
    resources,
    tenants,
    /** Answers the token, JWKS and configuration routes; anything else is Graph's (`false`). */
    async serve(request: IncomingMessage, response: ServerResponse, path: string, base: string): Promise<boolean> {
      const method = request.method ?? 'GET';
      if (!TOKEN_PATH.test(path) && !KEYS_PATH.test(path) && !CONFIG_PATH.test(path)) return false;
      const form = method === 'POST' ? await readForm(request) : {};
      const result = (await answer(method, path, form, base))!;
      response.writeHead(result.status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store, no-cache',
        ...result.headers,
      });
      response.end(JSON.stringify(result.body));
      return true;
    },
    /** Every access token issued, so that a test can look for it where it must not be. */
    issuedTokens: () => [...issued],
    /** As an administrator setting the service principal's `accountEnabled` to false. */
    disable: (appId: string) => void disabled.add(appId.toLowerCase()),
  };
}
export type TokenEndpoint = Awaited<ReturnType<typeof createTokenEndpoint>>;
