import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { onFirstUse } from '../../kernel/on-first-use';
import { StorageSdkUnavailable } from './outage';

/**
 * The storage and identity SDKs, each loaded with import() the first time that kind of storage is used (a table
 * client on the first table operation, and so on), not when the gateway is built: a request that touches no
 * table never reads @azure/data-tables (cold start, docs/rendimiento.md «Arranque en frío»). esbuild puts each in chunks of its
 * own. A failed load is thrown as StorageSdkUnavailable (answered 503, like storage down) and retried next time.
 */
export type StorageSdks = {
  tables: () => Promise<typeof import('@azure/data-tables')>;
  queues: () => Promise<typeof import('@azure/storage-queue')>;
  blobs: () => Promise<typeof import('@azure/storage-blob')>;
  identity: () => Promise<typeof import('@azure/identity')>;
};

const unavailable = (what: string) => (error: unknown) => {
  throw new StorageSdkUnavailable(`No se pudo cargar el módulo de ${what}.`, { cause: error });
};

/** The loaders; `load` replaces import() in tests (a load that fails once). */
export function storageSdks(load: Partial<StorageSdks> = {}): StorageSdks {
  return {
    tables: onFirstUse(() => (load.tables ?? (() => import('@azure/data-tables')))().catch(unavailable('tablas'))),
    queues: onFirstUse(() => (load.queues ?? (() => import('@azure/storage-queue')))().catch(unavailable('colas'))),
    blobs: onFirstUse(() => (load.blobs ?? (() => import('@azure/storage-blob')))().catch(unavailable('blobs'))),
    identity: onFirstUse(() => (load.identity ?? (() => import('@azure/identity')))().catch(unavailable('identidad'))),
  };
}

/** The SDKs of this process, shared by every Storage and credential built without a `load` override. */
export const sharedSdks = storageSdks();

/**
 * A TokenCredential whose real credential is built on its first token request: nothing of @azure/identity is
 * loaded before an SDK asks for a token (SDK clients only ever call getToken).
 */
export function lazyCredential(build: () => Promise<TokenCredential>): TokenCredential {
  const credential = onFirstUse(build);
  return {
    getToken: async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> =>
      (await credential()).getToken(scopes, options),
  };
}

/** The Function App's managed identity (a user-assigned one when `clientId` is set), or the developer's. */
export function azureCredential(clientId: string | undefined, sdks: StorageSdks = sharedSdks): TokenCredential {
  return lazyCredential(async () => {
    const { DefaultAzureCredential, ManagedIdentityCredential } = await sdks.identity();
    return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
  });
}
