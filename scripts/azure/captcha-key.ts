import { randomBytes } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { SecretClient } from '@azure/keyvault-secrets';

/** The Key Vault secret the Function App's CAPTCHA_HMAC_KEY setting references. */
export const captchaSecretName = 'captcha-hmac-key';

/**
 * Writes a new captcha HMAC key (48 random bytes). Set only, no read: the caller decides it is missing from the
 * Function App's own report (reference status SecretNotFound), so the one-shot grant needs nothing but
 * setSecret. The value never leaves this function: not printed, not returned.
 */
export async function createCaptchaKey(secrets: Pick<SecretClient, 'setSecret'>): Promise<void> {
  await secrets.setSecret(captchaSecretName, randomBytes(48).toString('base64url'), {
    contentType: 'text/plain',
    tags: { app: 'ihce-llaves', purpose: 'captcha-hmac' },
  });
}

/**
 * App Service resolves Key Vault references when settings change and then only every 24 h. The settings were
 * written (by the deployment) before the secret existed, so write the same settings back: a configuration
 * change makes the platform fetch the reference at once.
 */
export async function refreshKeyVaultReferences(options: {
  siteResourceId: string;
  credential: TokenCredential;
  fetch?: typeof fetch;
  armEndpoint?: string;
}): Promise<void> {
  const send = options.fetch ?? fetch;
  const base = `${options.armEndpoint ?? 'https://management.azure.com'}${options.siteResourceId}/config/appsettings`;
  const token = await options.credential.getToken('https://management.azure.com/.default');
  if (!token) throw new Error('No se obtuvo un token de Azure Resource Manager');
  const headers = { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
  const listed = await send(`${base}/list?api-version=2024-04-01`, { method: 'POST', headers });
  if (!listed.ok) throw new Error(`No se pudieron leer los app settings (${listed.status})`);
  const { properties } = (await listed.json()) as { properties: Record<string, string> };
  const written = await send(`${base}?api-version=2024-04-01`, { method: 'PUT', headers, body: JSON.stringify({ properties }) });
  if (!written.ok) throw new Error(`No se pudieron reescribir los app settings (${written.status})`);
}
