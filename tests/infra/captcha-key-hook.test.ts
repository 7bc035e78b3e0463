import { SecretClient } from '@azure/keyvault-secrets';
import { describe, expect, it } from 'vitest';
import { captchaSecretName, ensureCaptchaKey, refreshKeyVaultReferences } from '../../scripts/azure/captcha-key';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';

describe('postprovision hook: captcha HMAC key', () => {
  it('creates a 48-byte random key once; a second provision leaves it as it is', async () => {
    const contract = createKeyVaultContract();
    const client = new SecretClient(VAULT_URL, contract.credential, { httpClient: contract.httpClient });

    expect(await ensureCaptchaKey(client)).toBe('created');
    const first = (await client.getSecret(captchaSecretName)).value!;
    expect(Buffer.from(first, 'base64url')).toHaveLength(48);
    expect(first.length).toBeGreaterThanOrEqual(32); // CAPTCHA_HMAC_KEY's minimum in src/config.ts

    expect(await ensureCaptchaKey(client)).toBe('present');
    expect(contract.stored.get(captchaSecretName)?.size).toBe(1);
    expect((await client.getSecret(captchaSecretName)).value).toBe(first);
  });

  it('when Key Vault refuses the read for another reason than 404, then it fails instead of overwriting', async () => {
    const contract = createKeyVaultContract({ failReads: () => true });
    const client = new SecretClient(VAULT_URL, contract.credential, { httpClient: contract.httpClient, retryOptions: { maxRetries: 0 } });
    await expect(ensureCaptchaKey(client)).rejects.toMatchObject({ statusCode: 503 });
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
