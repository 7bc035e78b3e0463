import { afterEach, describe, expect, it, vi } from 'vitest';
import { localEnv } from '../../scripts/local-env';
import { loadConfig } from '../../src/config';

/** The settings infra/app/api.bicep gives the Function App, with the values Azure fills in. */
const azureSettings = {
  IHCE_ENV: 'azure',
  PUBLIC_BASE_URL: 'https://ihce-ejemplo.azurestaticapps.net',
  IHCE_STORAGE__tableServiceUri: 'https://stihceejemplo.table.core.windows.net/',
  IHCE_STORAGE__queueServiceUri: 'https://stihceejemplo.queue.core.windows.net/',
  IHCE_STORAGE__credential: 'managedidentity',
  IHCE_STORAGE__clientId: '00000000-0000-4000-8000-000000000001',
  MAIL_TRANSPORT: 'acs',
  ACS_ENDPOINT: 'https://acs-ihce-ejemplo.unitedstates.communication.azure.com',
  MAIL_FROM: 'DoNotReply@00000000-0000-4000-8000-000000000002.azurecomm.net',
  SECRET_STORE: 'keyvault',
  KEY_VAULT_URL: 'https://kv-ihce-ejemplo.vault.azure.net/',
  CAPTCHA_HMAC_KEY: 'clave-resuelta-desde-key-vault-de-64-caracteres-0123456789abcdef',
  PREPRODUCTION_GRAPH_MODE: 'off',
  PRODUCTION_GRAPH_MODE: 'off',
  CREDENTIAL_GRACE_DAYS: '7',
};

describe('configuration in Azure', () => {
  it('the settings of the Function App load', () => {
    const config = loadConfig(azureSettings);
    expect(config).toMatchObject({ IHCE_ENV: 'azure', MAIL_TRANSPORT: 'acs', SECRET_STORE: 'keyvault' });
  });

  it('when the Key Vault reference of CAPTCHA_HMAC_KEY did not resolve, then start-up fails naming it', () => {
    const unresolved = { ...azureSettings, CAPTCHA_HMAC_KEY: '@Microsoft.KeyVault(VaultName=kv-ihce-ejemplo;SecretName=captcha-hmac-key)' };
    expect(() => loadConfig(unresolved)).toThrow(/CAPTCHA_HMAC_KEY: la referencia a Key Vault no se resolvió/);
  });

  it('a Graph address that is not https (other than the local simulator) stops start-up, not the first generation', () => {
    expect(() => loadConfig({ ...azureSettings, GRAPH_BASE_URL: 'http://graph.example.org' })).toThrow(/GRAPH_BASE_URL debe ser https/);
    expect(loadConfig({ ...azureSettings, GRAPH_BASE_URL: 'http://127.0.0.1:7072' }).GRAPH_BASE_URL).toBe('http://127.0.0.1:7072');
  });
});

describe('npm scripts against the cloud storage account', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('with the identity-based storage settings the directory import drops the Azurite default and signs in with Entra', () => {
    vi.stubEnv('IHCE_STORAGE__tableServiceUri', 'https://stihceejemplo.table.core.windows.net/');
    vi.stubEnv('IHCE_STORAGE__queueServiceUri', 'https://stihceejemplo.queue.core.windows.net/');
    const config = loadConfig(localEnv());
    expect(config.IHCE_STORAGE).toBeUndefined();
    expect(config.IHCE_STORAGE__tableServiceUri).toBe('https://stihceejemplo.table.core.windows.net/');
  });

  it('without them the scripts keep the local Azurite', () => {
    vi.stubEnv('IHCE_STORAGE__tableServiceUri', undefined);
    expect(loadConfig(localEnv()).IHCE_STORAGE).toContain('TableEndpoint=http://127.0.0.1:');
  });
});
