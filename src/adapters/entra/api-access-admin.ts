import { AzureCliCredential, type TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { EnvironmentName } from '../../credentials/credentials.schemas';
import { createGraphClient, graphBaseUrl, quote, retryOnlyThrottled, statusOf } from './graph-client';
import { simulatedAdminCredential } from './simulated-credential';

/** An application the system generated, as the administrator's grant step sees it. */
export type GeneratedApplication = {
  objectId: string;
  appId: string;
  displayName: string;
  /** From the `nit-<NIT>` tag the generator puts on it. */
  nit: string | undefined;
  createdDateTime: string | undefined;
  /** Its service principal (undefined: none yet, so nothing to grant to). */
  principalId: string | undefined;
  hasApiRole: boolean;
};

type Options = {
  baseUrl: string;
  tenantId: string;
  /** The administrator's own sign-in: `az login` (AzureCliCredential), or the simulator's administrator token. */
  credential: TokenCredential;
  apiAppId: string;
  apiAppRoleId: string;
  /** `$top` of the listings (Graph pages them; tests use a small one so that every page is followed). */
  pageSize?: number;
};

/** The administrator's credential: the simulator's in simulated mode, otherwise whoever ran `az login --tenant …`. */
export const administratorCredential = (simulated: boolean, tenantId: string): TokenCredential =>
  simulated ? simulatedAdminCredential : new AzureCliCredential({ tenantId });

type DirectoryObject = Record<string, unknown> & { '@odata.type'?: string; id: string };

/**
 * What `npm run entra:grant-api-access` asks of Microsoft Graph, under a tenant administrator's own credential
 * (delegated: Application.Read.All to list, AppRoleAssignment.ReadWrite.All to grant, with a role such as
 * Privileged Role Administrator). The app's identity never runs this.
 * https://learn.microsoft.com/graph/api/serviceprincipal-list-ownedobjects
 * https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignedto
 * https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments
 */
export function createApiAccessAdmin(options: Options) {
  const client: Client = createGraphClient(graphBaseUrl(options.baseUrl), options);
  const top = options.pageSize ?? 999;
  const base = graphBaseUrl(options.baseUrl);
  /** A nextLink as the client's path (the client sends absolute URLs only to Graph's own hosts); another host is refused. */
  const relativeToVersion = (link: string) => {
    const url = new URL(link);
    if (url.origin !== base.origin) throw new Error(`Microsoft Graph devolvió un enlace de página a otro servidor (${url.origin}).`);
    return `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`;
  };

  async function all(path: string): Promise<DirectoryObject[]> {
    const items: DirectoryObject[] = [];
    let next: string | undefined = path;
    while (next) {
      const result = (await client.api(next).get()) as { value: DirectoryObject[]; '@odata.nextLink'?: string };
      items.push(...result.value);
      next = result['@odata.nextLink'] && relativeToVersion(result['@odata.nextLink']);
    }
    return items;
  }

  async function principalByAppId(appId: string): Promise<string | undefined> {
    try {
      return (
        (await client
          .api(`/servicePrincipals(appId='${quote(appId)}')`)
          .select('id')
          .get()) as { id: string }
      ).id;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function apiPrincipal(): Promise<string> {
    const id = await principalByAppId(options.apiAppId);
    if (!id) throw new Error(`La API de IHCE (appId ${options.apiAppId}) no tiene entidad de servicio en este tenant.`);
    return id;
  }

  return {
    /** The system's service principal: given, or found by the appId of the identity that calls Graph. */
    principalByAppId,

    /** The applications `ownerId` owns in `env` (by their `ihce-llaves` tag and name), with their API role state. */
    async generatedApplications(ownerId: string, env: EnvironmentName): Promise<GeneratedApplication[]> {
      const prefix = env === 'preproduction' ? 'ihce-pre-' : 'ihce-prd-';
      const owned = await all(`/servicePrincipals/${ownerId}/ownedObjects?$top=${top}`);
      const resource = await apiPrincipal();
      const holders = new Set(
        (await all(`/servicePrincipals/${resource}/appRoleAssignedTo?$top=${top}`))
          .filter((item) => item.appRoleId === options.apiAppRoleId)
          .map((item) => String(item.principalId)),
      );
      const ownedPrincipals = new Map(
        owned
          .filter((item) => item['@odata.type'] === '#microsoft.graph.servicePrincipal')
          .map((item) => [String(item.appId), item.id] as const),
      );
      const applications = owned.filter(
        (item) =>
          item['@odata.type'] === '#microsoft.graph.application' &&
          Array.isArray(item.tags) &&
          item.tags.includes('ihce-llaves') &&
          String(item.uniqueName ?? '').startsWith(prefix),
      );
      const found: GeneratedApplication[] = [];
      for (const app of applications) {
        const appId = String(app.appId);
        const principalId = ownedPrincipals.get(appId) ?? (await principalByAppId(appId));
        const nitTag = (app.tags as string[]).find((tag) => /^nit-\d+$/.test(tag));
        found.push({
          objectId: app.id,
          appId,
          displayName: String(app.displayName),
          nit: nitTag?.slice(4),
          createdDateTime: typeof app.createdDateTime === 'string' ? app.createdDateTime : undefined,
          principalId,
          hasApiRole: principalId !== undefined && holders.has(principalId),
        });
      }
      return found;
    },

    /** Grants the IHCE API's app role to `principalId`; already granted (Graph's 400 for a duplicate) is success. */
    async grant(principalId: string): Promise<'granted' | 'already-granted'> {
      const resourceId = await apiPrincipal();
      const current = await all(`/servicePrincipals/${principalId}/appRoleAssignments`);
      if (current.some((item) => item.resourceId === resourceId && item.appRoleId === options.apiAppRoleId)) return 'already-granted';
      await client
        .api(`/servicePrincipals/${principalId}/appRoleAssignments`)
        .middlewareOptions([retryOnlyThrottled])
        .post({ principalId, resourceId, appRoleId: options.apiAppRoleId });
      return 'granted';
    },
  };
}
export type ApiAccessAdmin = ReturnType<typeof createApiAccessAdmin>;
