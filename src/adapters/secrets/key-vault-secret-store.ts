import type { TokenCredential } from '@azure/identity';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import type { SecretStore } from '../../credentials/secret-store.port';

/** Azure: Key Vault through the real SecretClient, authenticated with the Function App's managed identity. */
export function createKeyVaultSecretStore(options: {
  vaultUrl: string;
  credential: TokenCredential;
  clientOptions?: SecretClientOptions;
}): SecretStore {
  const client = new SecretClient(options.vaultUrl, options.credential, {
    retryOptions: { maxRetries: 2 },
    ...options.clientOptions,
  });
  return {
    async put(name, value) {
      const secret = await client.setSecret(name, value, { contentType: 'text/plain', tags: { app: 'ihce-llaves' } });
      const version = secret.properties.version;
      if (!version) throw new Error(`Key Vault no devolvió la versión del secreto ${name}`);
      return { name, version };
    },
    async get(ref) {
      const secret = await client.getSecret(ref.name, { version: ref.version });
      if (secret.value === undefined) throw new Error(`Key Vault devolvió el secreto ${ref.name} sin valor`);
      return secret.value;
    },
    async disable(ref) {
      await client.updateSecretProperties(ref.name, ref.version, { enabled: false });
    },
  };
}
