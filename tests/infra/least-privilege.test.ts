import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarations, loadBicepFiles, objectEntries, property, type BicepFile, type Finding } from '../support/bicep';
import { checkInfra } from '../support/bicep-checks';
import { checkLeastPrivilege } from '../support/bicep-rbac-checks';
import { builtInRoles, infraPolicy } from './infra-policy';
import { mutated as mutate } from '../support/bicep-mutation';
import { directorySettings } from '../../src/config/directory';

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);

const mutated = (files: BicepFile[], file: string, from: string, to: string) => mutate(files, file, [[from, to]]);

describe('least privilege (issue 15), checked offline', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('reports nothing on the real infra/', () => {
    expect(show(checkLeastPrivilege(files))).toEqual([]);
  });

  it("when the app's Key Vault role gains delete or purge, or is Secrets Officer again, then it is reported", async () => {
    let changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      "          'Microsoft.KeyVault/vaults/secrets/update/action'\n",
      "          'Microsoft.KeyVault/vaults/secrets/update/action'\n          'Microsoft.KeyVault/vaults/secrets/delete'\n          'Microsoft.KeyVault/vaults/secrets/purge/action'\n",
    );
    expect(show(checkLeastPrivilege(changed)).join('\n')).toMatch(
      /appSecrets: custom:appSecretsRole grants Microsoft\.KeyVault\/vaults\/secrets\/delete[\s\S]*grants Microsoft\.KeyVault\/vaults\/secrets\/purge\/action/,
    );
    expect(show(checkInfra(changed, infraPolicy)).join('\n')).toContain('custom role appSecretsRole: data actions must be exactly');
    changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      '    roleDefinitionId: appSecretsRole.id',
      `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${builtInRoles.keyVaultSecretsOfficer}')`,
    );
    expect(show(checkLeastPrivilege(changed)).join('\n')).toContain('appSecrets: Key Vault Secrets Officer on the vault');
  });

  it('when a blob role covers the whole storage account, then it is reported', async () => {
    const changed = await mutated(files, 'infra/app/rbac-blob.bicep', '  scope: exportsContainer', '  scope: storageAccount');
    expect(show(checkLeastPrivilege(changed))).toEqual([
      expect.stringMatching(/^infra\/app\/rbac-blob\.bicep:\d+ appExportsBlob: Storage Blob Data Contributor on the whole storage account/),
    ]);
  });

  it('when the deployer gets roles by default or unconditionally, then it is reported', async () => {
    let changed = await mutated(
      files,
      'infra/main.bicep',
      'param grantDeployerAccess bool = false',
      'param grantDeployerAccess bool = true',
    );
    changed = await mutated(
      changed,
      'infra/main.bicep',
      "deployerPrincipalId: grantDeployerAccess ? principalId : ''",
      'deployerPrincipalId: principalId',
    );
    changed = await mutated(
      changed,
      'infra/app/rbac.bicep',
      "resource deployerQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {",
      "resource deployerQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {",
    );
    const found = show(checkLeastPrivilege(changed)).join('\n');
    expect(found).toContain('grantDeployerAccess must default to false');
    expect(found).toContain('rbac: deployerPrincipalId must be empty unless grantDeployerAccess (is principalId)');
    expect(found).toContain('deployerQueueContributor: a deployer role must be declared if (!empty(deployerPrincipalId))');
  });

  it('when a custom role name lacks the subscription, then every custom role is reported, also through a module param', async () => {
    const changed = await mutated(
      files,
      'infra/app/rbac.bicep',
      "var roleNameSuffix = '${resourceGroup().name}, ${subscription().subscriptionId}'",
      "var roleNameSuffix = '${resourceGroup().name}'",
    );
    const found = show(checkLeastPrivilege(changed)).filter((f) => f.includes('roleName must include the subscription'));
    expect(found.map((f) => /custom role (\w+)/.exec(f)![1]).sort()).toEqual(
      ['acsEmailSenderRole', 'appSecretsRole', 'auditAppenderRole', 'captchaWriterRole'].sort(),
    );
  });

  it('azd leaves grantDeployerAccess off unless IHCE_GRANT_DEPLOYER_ACCESS says otherwise', async () => {
    const parameters = JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as {
      parameters: Record<string, { value: string }>;
    };
    expect(parameters.parameters.grantDeployerAccess?.value).toBe('${IHCE_GRANT_DEPLOYER_ACCESS=false}');
  });

  it('the reveal limits and the security mailbox are parameters with the ranges of src/config/index.ts, passed to the app', async () => {
    const main = files.find((f) => f.path === 'infra/main.bicep')!;
    const api = declarations(main).find((d) => d.kind === 'module' && d.name === 'api')!;
    const settings = Object.fromEntries(
      objectEntries(property(api.body, 'params.environmentSettings')!).map(({ key, value }) => [key, value.text]),
    );
    expect(settings).toMatchObject({
      MSPS_SECURITY_EMAILS: 'securityEmails',
      OFFICER_REVEALS_PER_HOUR: 'string(officerRevealsPerHour)',
      OFFICER_REVEAL_BURST_PROVIDERS: 'string(officerRevealBurstProviders)',
    });
    const params = declarations(main).filter((d) => d.kind === 'param');
    for (const [name, fallback] of [
      ['officerRevealsPerHour', '10'],
      ['officerRevealBurstProviders', '5'],
    ] as const) {
      const param = params.find((p) => p.name === name)!;
      expect(param.decorators, name).toEqual(expect.arrayContaining(['@minValue(1)', '@maxValue(1000)']));
      expect(param.value?.text, name).toBe(fallback);
    }
    const config = await readFile('src/config/index.ts', 'utf8');
    expect(config).toContain('OFFICER_REVEALS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10)');
    expect(config).toContain('OFFICER_REVEAL_BURST_PROVIDERS: z.coerce.number().int().min(1).max(1000).default(5)');
    const parameters = JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as {
      parameters: Record<string, { value: string }>;
    };
    expect(parameters.parameters.securityEmails?.value).toBe('${MSPS_SECURITY_EMAILS}');
    expect(parameters.parameters.officerRevealsPerHour?.value).toBe('${OFFICER_REVEALS_PER_HOUR=10}');
    expect(parameters.parameters.officerRevealBurstProviders?.value).toBe('${OFFICER_REVEAL_BURST_PROVIDERS=5}');
  });

  it('DIRECTORY_ADMINS (who may load delegates and officials from the web) is a parameter, empty by default, passed to the app', async () => {
    const main = files.find((f) => f.path === 'infra/main.bicep')!;
    const api = declarations(main).find((d) => d.kind === 'module' && d.name === 'api')!;
    const settings = Object.fromEntries(
      objectEntries(property(api.body, 'params.environmentSettings')!).map(({ key, value }) => [key, value.text]),
    );
    expect(settings.DIRECTORY_ADMINS).toBe('directoryAdmins');
    const param = declarations(main).find((d) => d.kind === 'param' && d.name === 'directoryAdmins')!;
    expect(param.value?.text).toBe("''");
    const parameters = JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as {
      parameters: Record<string, { value: string }>;
    };
    expect(parameters.parameters.directoryAdmins?.value).toBe('${DIRECTORY_ADMINS}');
    // The app reads it: the setting is in the schema, and an unset value is the empty list.
    expect(Object.keys(directorySettings)).toContain('DIRECTORY_ADMINS');
    expect(directorySettings.DIRECTORY_ADMINS.parse(undefined)).toEqual([]);
  });
});
