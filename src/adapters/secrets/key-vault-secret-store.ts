import type { TokenCredential } from '@azure/identity';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import type { SecretStore } from '../../credentials/secret-store.port';

/** Azure: Key Vault through the real SecretClient, authenticated with the Function App's managed identity. */
export function createKeyVaultSecretStore(options: {
  vaultUrl: string;
  credential: TokenCredential;
  clientOptions?: SecretClientOptions;
  /** Told of every failed call: operation, secret name and HTTP status, never a value or a token. */
  log?: ((message: string) => void) | undefined;
}): SecretStore {
  const client = new SecretClient(options.vaultUrl, options.credential, {
    retryOptions: { maxRetries: 2 },
    ...options.clientOptions,
  });
  /** Runs one call; a failure is reported with the marker the alert rule looks for, then rethrown as it came. */
  async function reported<T>(operation: string, name: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      options.log?.(`IHCE-KEYVAULT-FALLO: ${operation} ${name} (HTTP ${typeof status === 'number' ? status : 'sin respuesta'})`);
      throw error;
    }
  }
  return {
    put: (name, value) =>
      reported('setSecret', name, async () => {
        const secret = await client.setSecret(name, value, { contentType: 'text/plain', tags: { app: 'ihce-llaves' } });
        const version = secret.properties.version;
        if (!version) throw new Error(`Key Vault no devolvió la versión del secreto ${name}`);
        return { name, version };
      }),
    get: (ref) =>
      reported('getSecret', ref.name, async () => {
        const secret = await client.getSecret(ref.name, { version: ref.version });
        if (secret.value === undefined) throw new Error(`Key Vault devolvió el secreto ${ref.name} sin valor`);
        return secret.value;
      }),
    disable: (ref) =>
      reported('updateSecretProperties', ref.name, async () => {
        await client.updateSecretProperties(ref.name, ref.version, { enabled: false });
      }),
  };
}
