import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localEnv } from '../../scripts/local-env';
import { loadConfig } from '../../src/config';

/** The settings infra/app/api.bicep gives the Function App, with the values Azure fills in. */
const azureSettings = {
  IHCE_ENV: 'azure',
  PUBLIC_BASE_URL: 'https://llaves.ihce.example',
  FRONT_DOOR_ID: '55ce4ed1-4b06-4bf1-b40e-4638452104da',
  IHCE_STORAGE__tableServiceUri: 'https://stihceejemplo.table.core.windows.net/',
  IHCE_STORAGE__queueServiceUri: 'https://stihceejemplo.queue.core.windows.net/',
  IHCE_STORAGE__blobServiceUri: 'https://stihceejemplo.blob.core.windows.net/',
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
  OFFICER_SIGN_IN: 'both',
  OFFICER_REQUIRE_MFA: 'true',
  ENTRA_SSO_TENANT_ID: '00000000-0000-4000-8000-000000000003',
  ENTRA_SSO_CLIENT_ID: '00000000-0000-4000-8000-000000000004',
  ENTRA_SSO_CLIENT_AUTH: 'federated',
};

describe('configuration in Azure', () => {
  it('PREPRODUCTION_CREDENTIAL_TYPE and PRODUCTION_CREDENTIAL_TYPE default to either and accept only certificate, secret or either', () => {
    expect(loadConfig(azureSettings)).toMatchObject({ PREPRODUCTION_CREDENTIAL_TYPE: 'either', PRODUCTION_CREDENTIAL_TYPE: 'either' });
    expect(loadConfig({ ...azureSettings, PRODUCTION_CREDENTIAL_TYPE: 'certificate' }).PRODUCTION_CREDENTIAL_TYPE).toBe('certificate');
    expect(() => loadConfig({ ...azureSettings, PRODUCTION_CREDENTIAL_TYPE: 'cert' })).toThrow(/PRODUCTION_CREDENTIAL_TYPE/);
  });

  it('the settings of the Function App load', () => {
    const config = loadConfig(azureSettings);
    expect(config).toMatchObject({ IHCE_ENV: 'azure', MAIL_TRANSPORT: 'acs', SECRET_STORE: 'keyvault' });
  });

  it('FRONT_DOOR_ID is required in Azure (never X-Forwarded-For there) and optional locally; it must be the profile GUID, kept in lower case', () => {
    const { FRONT_DOOR_ID: _, ...withoutFrontDoor } = azureSettings;
    expect(() => loadConfig(withoutFrontDoor)).toThrow(/FRONT_DOOR_ID: en Azure la dirección del cliente solo se toma de Front Door/);
    expect(loadConfig(localEnv()).FRONT_DOOR_ID).toBeUndefined();
    expect(loadConfig({ ...azureSettings, FRONT_DOOR_ID: '55CE4ED1-4B06-4BF1-B40E-4638452104DA' }).FRONT_DOOR_ID).toBe(
      '55ce4ed1-4b06-4bf1-b40e-4638452104da',
    );
    expect(() => loadConfig({ ...azureSettings, FRONT_DOOR_ID: 'afd-ihce-prod' })).toThrow(/FRONT_DOOR_ID/);
  });

  it('when the Key Vault reference of CAPTCHA_HMAC_KEY did not resolve, then start-up fails naming it', () => {
    const unresolved = { ...azureSettings, CAPTCHA_HMAC_KEY: '@Microsoft.KeyVault(VaultName=kv-ihce-ejemplo;SecretName=captcha-hmac-key)' };
    expect(() => loadConfig(unresolved)).toThrow(/CAPTCHA_HMAC_KEY: la referencia a Key Vault no se resolvió/);
  });

  it('when any setting still holds its @Microsoft.KeyVault(...) text, then the marker names it (never the value) and start-up fails naming it', () => {
    const log = vi.fn();
    const reference = '@Microsoft.KeyVault(VaultName=kv-ihce-ejemplo;SecretName=captcha-hmac-key)';
    const unresolved = { ...azureSettings, CAPTCHA_HMAC_KEY: reference, MSPS_ALERT_EMAILS: reference, OTRA_COSA: reference };
    expect(() => loadConfig(unresolved, log)).toThrow(
      /CAPTCHA_HMAC_KEY: la referencia a Key Vault no se resolvió[\s\S]*MSPS_ALERT_EMAILS: la referencia a Key Vault no se resolvió/,
    );
    const lines = log.mock.calls.map(([line]) => String(line));
    expect(lines).toEqual([
      expect.stringMatching(/^IHCE-REFERENCIA-KV-SIN-RESOLVER: CAPTCHA_HMAC_KEY /),
      expect.stringMatching(/^IHCE-REFERENCIA-KV-SIN-RESOLVER: MSPS_ALERT_EMAILS /),
      expect.stringMatching(/^IHCE-REFERENCIA-KV-SIN-RESOLVER: OTRA_COSA /),
    ]);
    expect(lines.join('\n')).not.toContain('SecretName');
    // A setting the app does not read is only reported; a resolved configuration logs nothing.
    log.mockClear();
    expect(loadConfig({ ...azureSettings, OTRA_COSA: reference }, log).CAPTCHA_HMAC_KEY).toBe(azureSettings.CAPTCHA_HMAC_KEY);
    expect(log).toHaveBeenCalledTimes(1);
    log.mockClear();
    loadConfig(azureSettings, log);
    expect(log).not.toHaveBeenCalled();
  });

  it('a Graph address that is not https (other than the local simulator) stops start-up, not the first generation', () => {
    expect(() => loadConfig({ ...azureSettings, GRAPH_BASE_URL: 'http://graph.example.org' })).toThrow(/GRAPH_BASE_URL debe ser https/);
    expect(loadConfig({ ...azureSettings, GRAPH_BASE_URL: 'http://127.0.0.1:7072' }).GRAPH_BASE_URL).toBe('http://127.0.0.1:7072');
  });
});

describe('automatic issuance of pre-production keys (issue 17)', () => {
  it('PREPRODUCTION_AUTO_ISSUE is on by default in Azure and locally, takes off, and refuses anything else naming it', () => {
    expect(loadConfig(azureSettings).PREPRODUCTION_AUTO_ISSUE).toBe('on');
    expect(loadConfig(localEnv({ entraSimulatorUrl: 'http://127.0.0.1:7072' })).PREPRODUCTION_AUTO_ISSUE).toBe('on');
    expect(loadConfig({ ...azureSettings, PREPRODUCTION_AUTO_ISSUE: 'off' }).PREPRODUCTION_AUTO_ISSUE).toBe('off');
    expect(() => loadConfig({ ...azureSettings, PREPRODUCTION_AUTO_ISSUE: 'si' })).toThrow(/PREPRODUCTION_AUTO_ISSUE/);
  });

  it('production has no such setting: PRODUCTION_AUTO_ISSUE=on is ignored', () => {
    expect(loadConfig({ ...azureSettings, PRODUCTION_AUTO_ISSUE: 'on' })).not.toHaveProperty('PRODUCTION_AUTO_ISSUE');
  });
});

describe("officials' sign-in settings", () => {
  it('OFFICER_SIGN_IN defaults to both and OFFICER_REQUIRE_MFA to true', () => {
    const { OFFICER_SIGN_IN: _mode, OFFICER_REQUIRE_MFA: _mfa, ...rest } = azureSettings;
    expect(loadConfig(rest)).toMatchObject({ OFFICER_SIGN_IN: 'both', OFFICER_REQUIRE_MFA: true });
    expect(loadConfig({ ...azureSettings, OFFICER_REQUIRE_MFA: 'false' }).OFFICER_REQUIRE_MFA).toBe(false);
  });

  it('with Entra ID on, a missing tenant, client id or client authentication stops start-up naming it', () => {
    for (const name of ['ENTRA_SSO_TENANT_ID', 'ENTRA_SSO_CLIENT_ID', 'ENTRA_SSO_CLIENT_AUTH'] as const) {
      const { [name]: _dropped, ...rest } = azureSettings;
      expect(() => loadConfig({ ...rest, OFFICER_SIGN_IN: 'entra' })).toThrow(
        new RegExp(`- ${name}: OFFICER_SIGN_IN=entra necesita ${name}`),
      );
    }
    const { ENTRA_SSO_TENANT_ID: _t, ENTRA_SSO_CLIENT_ID: _c, ENTRA_SSO_CLIENT_AUTH: _a, ...passwordOnly } = azureSettings;
    expect(loadConfig({ ...passwordOnly, OFFICER_SIGN_IN: 'password' }).OFFICER_SIGN_IN).toBe('password');
  });

  it('a client secret must be given (and resolved) with ENTRA_SSO_CLIENT_AUTH=secret; an http issuer only locally on loopback', () => {
    expect(() => loadConfig({ ...azureSettings, ENTRA_SSO_CLIENT_AUTH: 'secret' })).toThrow(
      /ENTRA_SSO_CLIENT_SECRET: ENTRA_SSO_CLIENT_AUTH=secret necesita/,
    );
    expect(() =>
      loadConfig({ ...azureSettings, ENTRA_SSO_CLIENT_AUTH: 'secret', ENTRA_SSO_CLIENT_SECRET: '@Microsoft.KeyVault(SecretName=x)' }),
    ).toThrow(/ENTRA_SSO_CLIENT_SECRET: la referencia a Key Vault no se resolvió/);
    expect(() => loadConfig({ ...azureSettings, ENTRA_SSO_ISSUER: 'http://127.0.0.1:7073' })).toThrow(/ENTRA_SSO_ISSUER debe ser https/);
    expect(() => loadConfig({ ...azureSettings, OFFICER_SIGN_IN: 'todos' })).toThrow(/OFFICER_SIGN_IN/);
  });
});

describe('npm scripts against the cloud storage account', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('with the identity-based storage settings the directory import drops the Azurite default and signs in with Entra', () => {
    vi.stubEnv('IHCE_STORAGE__tableServiceUri', 'https://stihceejemplo.table.core.windows.net/');
    vi.stubEnv('IHCE_STORAGE__queueServiceUri', 'https://stihceejemplo.queue.core.windows.net/');
    vi.stubEnv('IHCE_STORAGE__blobServiceUri', 'https://stihceejemplo.blob.core.windows.net/');
    const config = loadConfig(localEnv());
    expect(config.IHCE_STORAGE).toBeUndefined();
    expect(config.IHCE_STORAGE__tableServiceUri).toBe('https://stihceejemplo.table.core.windows.net/');
  });

  it('without them the scripts keep the local Azurite', () => {
    vi.stubEnv('IHCE_STORAGE__tableServiceUri', undefined);
    expect(loadConfig(localEnv()).IHCE_STORAGE).toContain('TableEndpoint=http://127.0.0.1:');
  });
});

describe('local.settings.example.json', () => {
  it('is a configuration the app starts with, as a Functions host run by hand would read it', () => {
    const values = JSON.parse(readFileSync(new URL('../../local.settings.example.json', import.meta.url), 'utf8')).Values;
    const config = loadConfig(values);
    expect(config.IHCE_ENV).toBe('local');
    expect(config.OFFICER_SIGN_IN).toBe('password');
  });
});

describe("the entity's identity and help desk (GOV.CO footer, «Ayuda», e-mails)", () => {
  it("defaults to the ministry's public contact, so a deployment without the settings still shows one", () => {
    const config = loadConfig(azureSettings);
    expect(config.SITE_ENTITY_NAME).toBe('Ministerio de Salud y Protección Social');
    expect(config.SUPPORT_EMAIL).toBe('atencionalciudadano@minsalud.gov.co');
    expect(config.SUPPORT_PHONE).toBe('(+57) 601 330 5000');
  });

  it('a malformed help-desk e-mail or a policy link that is not https stops the start, naming the setting', () => {
    expect(() => loadConfig({ ...azureSettings, SUPPORT_EMAIL: 'mesa de ayuda' })).toThrow(/SUPPORT_EMAIL/);
    expect(() => loadConfig({ ...azureSettings, SITE_PRIVACY_URL: 'http://www.minsalud.gov.co/' })).toThrow(
      /SITE_PRIVACY_URL: debe ser una dirección https:\/\//,
    );
  });
});

describe('token URLs of «Probar llaves» (PREPRODUCTION_TOKEN_URL, PRODUCTION_TOKEN_URL)', () => {
  it('default to Entra’s endpoint for the keys’ tenant; the local simulator’s http URL only on loopback with IHCE_ENV=local', async () => {
    const { tokenUrlOf } = await import('../../src/config/environments');
    expect(tokenUrlOf(undefined, '72f988bf-86f1-41af-91ab-2d7cd011db47')).toBe(
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
    );
    expect(loadConfig(azureSettings).KEY_CHECKS_PER_HOUR).toBe(10);
    const simulator = 'http://127.0.0.1:7072/{tenant}/oauth2/v2.0/token';
    expect(loadConfig(localEnv({ entraSimulatorUrl: 'http://127.0.0.1:7072' })).PREPRODUCTION_TOKEN_URL).toBe(simulator);
    expect(() => loadConfig({ ...azureSettings, PRODUCTION_TOKEN_URL: simulator })).toThrow(/PRODUCTION_TOKEN_URL debe ser https/);
    expect(() => loadConfig(localEnv({ entraSimulatorUrl: 'http://10.0.0.5:7072' }))).toThrow(/PREPRODUCTION_TOKEN_URL debe ser https/);
  });
});

describe('MAIL_THROTTLE_MAX_HOURS (how long a throttled notice keeps being retried)', () => {
  it('defaults to 168 h (7 days); a value out of 1–720 or not whole hours stops the start, naming the setting', () => {
    expect(loadConfig(azureSettings).MAIL_THROTTLE_MAX_HOURS).toBe(168);
    expect(loadConfig({ ...azureSettings, MAIL_THROTTLE_MAX_HOURS: '72' }).MAIL_THROTTLE_MAX_HOURS).toBe(72);
    for (const bad of ['0', '721', '1.5', 'siete días']) {
      expect(() => loadConfig({ ...azureSettings, MAIL_THROTTLE_MAX_HOURS: bad })).toThrow(/MAIL_THROTTLE_MAX_HOURS/);
    }
  });
});
