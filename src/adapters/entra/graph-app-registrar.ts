import { randomBytes } from 'node:crypto';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import {
  applicationDisplayName,
  applicationUniqueName,
  RegistrarError,
  type AppRegistrar,
  type IssuedPassword,
  type ProviderApplication,
} from '../../credentials/app-registrar.port';
import type { EnvironmentName } from '../../credentials/credentials.schemas';
import type { ApiAccess } from '../../key-files/key-file';
import {
  afterReplication,
  createGraphClient,
  graphBaseUrl,
  quote,
  retryOnlyThrottled,
  statusOf,
  translate,
  type GraphEnvironmentOptions,
} from './graph-client';
import { putKeyCredential, readKeyCredentials, removeKeyCredential } from './graph-key-credentials';

/**
 * Microsoft Graph through the official client (its retry middleware honours Retry-After on 429 and 503).
 * One client per environment, because each environment lives in its own tenant.
 */
export function createGraphAppRegistrar(options: {
  baseUrl: string;
  environments: Partial<Record<EnvironmentName, GraphEnvironmentOptions>>;
  /** Told of every failed call: operation, environment and HTTP status, never a secret or a token. */
  log?: ((message: string) => void) | undefined;
}): AppRegistrar {
  const base = graphBaseUrl(options.baseUrl);
  const clients = new Map<EnvironmentName, Client>();
  const report = (error: unknown, operation: string, env: EnvironmentName) =>
    options.log?.(`IHCE-GRAPH-FALLO: ${operation} en ${env} (HTTP ${statusOf(error) ?? 'sin respuesta'})`);

  function clientFor(env: EnvironmentName): { client: Client; settings: GraphEnvironmentOptions } {
    const settings = options.environments[env];
    if (!settings) throw new RegistrarError('unavailable', `La generación en Entra ID no está configurada para ${env}.`);
    let client = clients.get(env);
    if (!client) {
      client = createGraphClient(base, settings);
      clients.set(env, client);
    }
    return { client, settings };
  }

  async function lookup<T>(client: Client, path: string, select: string): Promise<T | undefined> {
    try {
      return (await client.api(path).select(select).get()) as T;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function findApplication(client: Client, uniqueName: string) {
    return lookup<{ id: string; appId: string; displayName: string }>(
      client,
      `/applications(uniqueName='${quote(uniqueName)}')`,
      'id,appId,displayName',
    );
  }

  async function ensureServicePrincipal(client: Client, appId: string): Promise<string> {
    const existing = await lookup<{ id: string }>(client, `/servicePrincipals(appId='${quote(appId)}')`, 'id');
    if (existing) return existing.id;
    try {
      const created = (await afterReplication(() =>
        client.api('/servicePrincipals').middlewareOptions([retryOnlyThrottled]).post({ appId }),
      )) as { id: string };
      return created.id;
    } catch (error) {
      // Created meanwhile by a concurrent call: use that one.
      const again = await lookup<{ id: string }>(client, `/servicePrincipals(appId='${quote(appId)}')`, 'id');
      if (again) return again.id;
      throw error;
    }
  }

  /**
   * Whether the service principal holds the IHCE API's app role: read only. Granting it needs
   * AppRoleAssignment.ReadWrite.All, which this identity must not have (it could grant itself any role);
   * a tenant administrator grants it with `npm run entra:grant-api-access`.
   */
  async function apiAccessOf(client: Client, principalId: string, settings: GraphEnvironmentOptions): Promise<ApiAccess | undefined> {
    if (!settings.apiAppId || !settings.apiAppRoleId) return undefined;
    const resource = await lookup<{ id: string }>(client, `/servicePrincipals(appId='${quote(settings.apiAppId)}')`, 'id');
    if (!resource)
      throw new RegistrarError('unavailable', `La API de IHCE (appId ${settings.apiAppId}) no tiene entidad de servicio en el tenant.`);
    const assigned = (await client.api(`/servicePrincipals/${principalId}/appRoleAssignments`).get()) as {
      value: { appRoleId: string; resourceId: string }[];
    };
    return assigned.value.some((item) => item.appRoleId === settings.apiAppRoleId && item.resourceId === resource.id)
      ? 'granted'
      : 'pending';
  }

  /** Best effort: removes the credential an unclear addPassword may have created, found by its mark. */
  async function removeMarked(client: Client, objectId: string, marked: string) {
    try {
      const application = (await client.api(`/applications/${objectId}`).select('passwordCredentials').get()) as {
        passwordCredentials?: { keyId: string; displayName?: string }[];
      };
      for (const credential of application.passwordCredentials ?? []) {
        if (credential.displayName === marked)
          await client.api(`/applications/${objectId}/removePassword`).post({ keyId: credential.keyId });
      }
    } catch {
      // Graph is failing: the official is told to retry; a leftover credential has no secret anyone holds.
    }
  }

  return {
    enabled: (env) => options.environments[env] !== undefined,
    tenantOf: (env) => clientFor(env).settings.tenantId,

    async ensureApplication(env, nit, providerName): Promise<ProviderApplication> {
      const { client, settings } = clientFor(env);
      const uniqueName = applicationUniqueName(env, nit);
      const displayName = applicationDisplayName(env, nit);
      try {
        let application = await findApplication(client, uniqueName);
        if (!application) {
          // Upsert by the alternate key (uniqueName is set only this way): a retry, or two officials at once,
          // end in the same application. 201 brings it; 204 means it existed, so it is read back.
          const created = (await client
            .api(`/applications(uniqueName='${quote(uniqueName)}')`)
            .header('Prefer', 'create-if-missing')
            .patch({
              displayName,
              signInAudience: 'AzureADMyOrg',
              notes: `Prestador ${providerName} (NIT ${nit}). Creada por IHCE – Administración de Llaves de acceso.`,
              tags: ['ihce-llaves', `nit-${nit}`],
            })) as { id: string; appId: string; displayName: string } | undefined;
          application = created?.appId
            ? created
            : await afterReplication(async () => {
                const found = await findApplication(client, uniqueName);
                if (!found) throw new GraphError(404, 'La aplicación recién creada aún no es visible');
                return found;
              });
        }
        const principalId = await ensureServicePrincipal(client, application.appId);
        const apiAccess = await apiAccessOf(client, principalId, settings);
        return {
          appId: application.appId,
          objectId: application.id,
          displayName: application.displayName,
          ...(apiAccess && { apiAccess }),
        };
      } catch (error) {
        if (error instanceof RegistrarError) throw error;
        report(error, 'ensureApplication', env);
        translate(error, `crear o ubicar la aplicación ${displayName}`);
      }
    },

    async addPassword(env, objectId, { displayName, endDateTime }): Promise<IssuedPassword> {
      const { client } = clientFor(env);
      // A per-call mark in the name: after an unclear failure, the credential it may have created is found and removed.
      const marked = `${displayName} #${randomBytes(4).toString('hex')}`;
      try {
        const credential = (await afterReplication(() =>
          client
            .api(`/applications/${objectId}/addPassword`)
            .middlewareOptions([retryOnlyThrottled])
            .post({ passwordCredential: { displayName: marked, endDateTime } }),
        )) as { keyId: string; secretText: string; endDateTime: string };
        if (!credential.secretText || !credential.keyId)
          throw new RegistrarError('unavailable', 'Microsoft Graph no devolvió el secreto generado.');
        return { keyId: credential.keyId, secretText: credential.secretText, endDateTime: credential.endDateTime };
      } catch (error) {
        if (error instanceof RegistrarError) throw error;
        report(error, 'addPassword', env);
        const status = statusOf(error);
        if (status === 400)
          throw new RegistrarError('invalid-expiry', 'Microsoft Graph rechazó la vigencia del secreto (HTTP 400).', undefined, {
            cause: error,
          });
        if (status === undefined || status >= 500) await removeMarked(client, objectId, marked);
        translate(error, 'generar el secreto');
      }
    },

    async removePassword(env, objectId, keyId) {
      const { client } = clientFor(env);
      try {
        await client.api(`/applications/${objectId}/removePassword`).post({ keyId });
      } catch (error) {
        // The application or the credential is already gone: what we wanted.
        if (statusOf(error) === 404) return;
        const body = error instanceof GraphError ? String(error.body ?? '') : '';
        if (statusOf(error) === 400 && /No password credential found/i.test(body + String((error as Error).message))) return;
        report(error, 'removePassword', env);
        translate(error, 'retirar el secreto anterior');
      }
    },

    async putKeyCredential(env, objectId, certificate, keep) {
      try {
        return await putKeyCredential(clientFor(env).client, objectId, certificate, keep);
      } catch (error) {
        if (error instanceof RegistrarError) throw error;
        report(error, 'putKeyCredential', env);
        translate(error, 'agregar el certificado a la aplicación');
      }
    },

    async removeKeyCredential(env, objectId, thumbprintSha1) {
      try {
        await removeKeyCredential(clientFor(env).client, objectId, thumbprintSha1);
      } catch (error) {
        report(error, 'removeKeyCredential', env);
        translate(error, 'retirar el certificado de la aplicación');
      }
    },

    async readKeyCredentials(env, objectId) {
      try {
        return await readKeyCredentials(clientFor(env).client, objectId);
      } catch (error) {
        report(error, 'readKeyCredentials', env);
        translate(error, 'leer los certificados de la aplicación');
      }
    },
  };
}
