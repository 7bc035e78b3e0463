import { describe, expect, it } from 'vitest';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';

describe('Key Vault secret store through the real SecretClient', () => {
  it('answers the 401 challenge, writes a new version each time, and reads each version back', async () => {
    const contract = createKeyVaultContract();
    const store = createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: contract.credential,
      clientOptions: { httpClient: contract.httpClient },
    });

    const first = await store.put('ihce-900123456-production-client-secret', 'primer~secreto.0123456789');
    const second = await store.put('ihce-900123456-production-client-secret', 'segundo~secreto.0123456789');
    expect(first.name).toBe('ihce-900123456-production-client-secret');
    expect(first.version).toMatch(/^[0-9a-f]{32}$/);
    expect(second.version).not.toBe(first.version);
    expect(await store.get(first)).toBe('primer~secreto.0123456789');
    expect(await store.get(second)).toBe('segundo~secreto.0123456789');

    expect(contract.calls[0]).toMatchObject({ method: 'PUT', authorized: false, status: 401 });
    expect(contract.calls[1]).toMatchObject({ method: 'PUT', authorized: true, status: 200 });
    expect(contract.calls.filter((c) => c.status === 401)).toHaveLength(1);
    expect(contract.scopesRequested[0]).toEqual(['https://vault.azure.net/.default', 'tenant:72f988bf-86f1-41af-91ab-2d7cd011db47']);
    expect([...contract.stored.get('ihce-900123456-production-client-secret')!.values()][0]).toMatchObject({
      contentType: 'text/plain',
      tags: { app: 'ihce-llaves' },
    });
  });

  it('a missing version is an error the caller sees, not an empty secret', async () => {
    const contract = createKeyVaultContract();
    const store = createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: contract.credential,
      clientOptions: { httpClient: contract.httpClient },
    });
    await expect(store.get({ name: 'ihce-1-production-client-secret', version: '0'.repeat(32) })).rejects.toThrow(/was not found/);
  });

  it('a vault that is down makes put fail (after the SDK retries), so nothing is referenced', async () => {
    const contract = createKeyVaultContract({ failWrites: () => true });
    const store = createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: contract.credential,
      clientOptions: { httpClient: contract.httpClient, retryOptions: { maxRetries: 1, retryDelayInMs: 10 } },
    });
    await expect(store.put('ihce-1-production-client-secret', 'x~secreto.0123456789')).rejects.toThrow(/no disponible/);
    expect(contract.calls.filter((c) => c.status === 503).length).toBeGreaterThanOrEqual(2);
  });
});
