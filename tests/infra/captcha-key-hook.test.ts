import { SecretClient } from '@azure/keyvault-secrets';
import { describe, expect, it } from 'vitest';
import { captchaSecretName, createCaptchaKey, refreshKeyVaultReferences } from '../../scripts/azure/captcha-key';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';

describe('postprovision hook: captcha HMAC key', () => {
  // Issue 15: the hook no longer reads the vault (the deployer holds set only); whether the key exists comes from
  // the Function App's reference status (tests/infra/postprovision.test.ts), so "create once" is tested there.
  it('writes a 48-byte random key with set only: no secret is read', async () => {
    const contract = createKeyVaultContract();
    const client = new SecretClient(VAULT_URL, contract.credential, { httpClient: contract.httpClient });

    await createCaptchaKey(client);
    const value = (await client.getSecret(captchaSecretName)).value!;
    expect(Buffer.from(value, 'base64url')).toHaveLength(48);
    expect(value.length).toBeGreaterThanOrEqual(32); // CAPTCHA_HMAC_KEY's minimum in src/config/index.ts
    // Everything before the test's own read: the challenge and the write, both PUT.
    const hookCalls = contract.calls.slice(
      0,
      contract.calls.findIndex((c) => c.method === 'GET'),
    );
    expect(hookCalls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      `PUT /secrets/${captchaSecretName} 401`,
      `PUT /secrets/${captchaSecretName} 200`,
    ]);
  });

  it('when Key Vault refuses the write, then the error reaches the caller', async () => {
    const contract = createKeyVaultContract({ failWrites: () => true });
    const client = new SecretClient(VAULT_URL, contract.credential, { httpClient: contract.httpClient, retryOptions: { maxRetries: 0 } });
    await expect(createCaptchaKey(client)).rejects.toMatchObject({ statusCode: 503 });
    expect(contract.stored.size).toBe(0);
  });

  it('writes the same app settings back through ARM so the platform resolves the new reference at once', async () => {
    const calls: { url: string; method: string; body?: string; auth: string | null }[] = [];
    const settings = { IHCE_ENV: 'azure', CAPTCHA_HMAC_KEY: '@Microsoft.KeyVault(VaultName=kv-ihce-x;SecretName=captcha-hmac-key)' };
    const fakeArm: typeof fetch = async (input, init) => {
      calls.push({
        url: String(input),
        method: init?.method ?? 'GET',
        body: init?.body as string | undefined,
        auth: new Headers(init?.headers).get('authorization'),
      });
      return Response.json({ properties: settings });
    };
    const credential = { getToken: async () => ({ token: 'arm-token', expiresOnTimestamp: Date.now() + 60_000 }) };
    const site = '/subscriptions/s/resourceGroups/rg-ihce/providers/Microsoft.Web/sites/func-ihce-x';

    await refreshKeyVaultReferences({ siteResourceId: site, credential, fetch: fakeArm });

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST https://management.azure.com${site}/config/appsettings/list?api-version=2024-04-01`,
      `PUT https://management.azure.com${site}/config/appsettings?api-version=2024-04-01`,
    ]);
    expect(JSON.parse(calls[1]!.body!)).toEqual({ properties: settings });
    expect(calls.every((c) => c.auth === 'Bearer arm-token')).toBe(true);
  });
});
