import { beforeAll, describe, expect, it } from 'vitest';
import { loadBicepFiles, parseBicep, syntaxErrors, type BicepFile, type Finding } from '../support/bicep';
import { checkInfra } from '../support/bicep-checks';
import { builtInRoles, infraPolicy } from './infra-policy';
import { mutated as mutate } from '../support/bicep-mutation';

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);

/** The real infra/ with one text replacement in one file, re-parsed: proves each check can fail. */
const mutated = (files: BicepFile[], file: string, from: string, to: string) => mutate(files, file, [[from, to]]);

const lineOf = (files: BicepFile[], file: string, text: string) =>
  files
    .find((f) => f.path === file)!
    .source.split('\n')
    .findIndex((line) => line.includes(text)) + 1;

describe('Bicep checker', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('reports nothing on the real infra/', () => {
    expect(show(checkInfra(files, infraPolicy))).toEqual([]);
  });

  it('when a file has a syntax error, then it names the file and line', async () => {
    const broken = await parseBicep(
      'infra/broken.bicep',
      "param ok string\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: ok\n  properties: {\n    enableRbacAuthorization: \n  }\n",
    );
    const found = show(syntaxErrors(broken));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^infra\/broken\.bicep:\d+ syntax error/);
  });

  it('when purge protection is off, then the Key Vault line is reported', async () => {
    const changed = await mutated(files, 'infra/main.bicep', 'enablePurgeProtection: true', 'enablePurgeProtection: false');
    expect(show(checkInfra(changed, infraPolicy))).toEqual([
      `infra/main.bicep:${lineOf(files, 'infra/main.bicep', 'enablePurgeProtection')} keyVault: enablePurgeProtection is false (must be true)`,
    ]);
  });

  it('when RBAC authorisation or soft delete is dropped, then both are reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', '    enableRbacAuthorization: true\n', '');
    changed = await mutated(changed, 'infra/main.bicep', 'enableSoftDelete: true', 'enableSoftDelete: false');
    expect(show(checkInfra(changed, infraPolicy)).join('\n')).toMatch(/enableRbacAuthorization is not set[\s\S]*enableSoftDelete is false/);
  });

  it('when shared key access comes back or local auth is enabled, then it is reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', 'allowSharedKeyAccess: false', 'allowSharedKeyAccess: true');
    changed = await mutated(changed, 'infra/main.bicep', 'disableLocalAuth: true\n    }', 'disableLocalAuth: false\n    }');
    changed = await mutated(changed, 'infra/main.bicep', 'disableLocalAuth: true\n  }', 'disableLocalAuth: false\n  }');
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain('storage: allowSharedKeyAccess is true (must be false)');
    expect(found).toContain('logAnalytics: features.disableLocalAuth is false (must be true)');
    expect(found).toContain('appInsights: disableLocalAuth is false (must be true)');
  });

  it('when an output exposes keys, a connection string or a @secure() param, then each is reported', async () => {
    const extra = [
      '',
      '@secure()',
      'param adminPassword string',
      'var passwordCopy = adminPassword',
      'output STORAGE_KEYS object = storageAccount.listKeys()',
      'output APP_INSIGHTS string = appInsights.properties.ConnectionString',
      'output LOOKS_HARMLESS string = passwordCopy',
      '',
    ].join('\n');
    const changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      'param appInsightsName string\n',
      `param appInsightsName string\n${extra}`,
    );
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain('output STORAGE_KEYS: its name says secret');
    expect(found).toContain('output STORAGE_KEYS calls listKeys()');
    expect(found).toContain('output APP_INSIGHTS reads appInsights.properties.ConnectionString');
    expect(found).toContain('output LOOKS_HARMLESS uses @secure() param adminPassword');
  });

  it('when an app setting holds a connection string or a literal key, then it is reported', async () => {
    const changed = await mutated(
      files,
      'infra/app/api.bicep',
      "  CAPTCHA_HMAC_KEY: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=captcha-hmac-key)'",
      "  CAPTCHA_HMAC_KEY: 'una-clave-hmac-escrita-aqui-de-32-caracteres'\n  AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc=='",
    );
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain('app setting CAPTCHA_HMAC_KEY: a secret must be a Key Vault reference');
    expect(found).toContain('app setting AzureWebJobsStorage: a connection string');
    expect(found).toContain('app setting AzureWebJobsStorage: holds a credential literal');
  });

  it('when a role id is swapped for Contributor, then the forbidden id, the unintended role and the missing one are reported', async () => {
    const changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      `storageQueueDataContributor: '${builtInRoles.storageQueueDataContributor}'`,
      `storageQueueDataContributor: '${builtInRoles.contributor}'`,
    );
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain(`forbidden role id '${builtInRoles.contributor}'`);
    expect(found).toContain(
      `role assignment appQueueContributor: ${builtInRoles.contributor} for appPrincipalId on Microsoft.Storage/storageAccounts is not in the intended list`,
    );
    expect(found).toContain(
      `role ${builtInRoles.storageQueueDataContributor} for appPrincipalId on Microsoft.Storage/storageAccounts: 0 assignments`,
    );
  });

  it('when a role lands on the wrong scope or the custom role grows, then it is reported', async () => {
    let changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      'guid(keyVault.id, appPrincipalId, appSecretsRole.id)\n  scope: keyVault',
      'guid(keyVault.id, appPrincipalId, appSecretsRole.id)\n  scope: storageAccount',
    );
    changed = await mutated(
      changed,
      'infra/app/rbac.bicep',
      "'Microsoft.Communication/EmailServices/write'",
      "'Microsoft.Communication/EmailServices/write'\n          'Microsoft.Communication/CommunicationServices/ListKeys/action'",
    );
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain(
      `appSecrets: custom:appSecretsRole for appPrincipalId on Microsoft.Storage/storageAccounts is not in the intended list`,
    );
    expect(found).toContain('custom role acsEmailSenderRole: actions must be exactly');
  });

  it('when an AVM module assigns roles itself or the runtime is not Node 22, then it is reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', "    sku: 'standard'\n", "    sku: 'standard'\n    roleAssignments: []\n");
    changed = await mutated(changed, 'infra/app/api.bicep', "version: '22'", "version: '20'");
    const found = show(checkInfra(changed, infraPolicy)).join('\n');
    expect(found).toContain('module keyVault assigns roles itself');
    expect(found).toContain('functionApp: functionAppConfig.runtime.version is \'20\' (must be "22")');
  });
});
