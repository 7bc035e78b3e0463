import { beforeAll, describe, expect, it } from 'vitest';
import { azureDefinitions } from '../support/azure-definitions';
import { loadBicepFiles, type BicepFile, type Finding } from '../support/bicep';
import { checkModuleParams } from '../support/bicep-params';
import { checkResourceSchemas } from '../support/bicep-schema';
import { mutated as mutate } from '../support/bicep-mutation';

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);
const check = (files: BicepFile[]) => show([...checkResourceSchemas(files), ...checkModuleParams(files)]);

/** The real infra/ with one text replacement in one file, re-parsed: proves each check can fail. */
const mutated = (files: BicepFile[], file: string, from: string, to: string) => mutate(files, file, [[from, to]]);

/** 1-based line of the first line containing `text`, from line `after` on. */
const lineOf = (files: BicepFile[], file: string, text: string, after = 0) =>
  files
    .find((f) => f.path === file)!
    .source.split('\n')
    .findIndex((line, index) => index >= after && line.includes(text)) + 1;

const api = 'infra/app/api.bicep';
const main = 'infra/main.bicep';
const site = 'resource functionApp (Microsoft.Web/sites@2024-04-01)';
const storage = 'module storage (avm/res/storage/storage-account:0.31.0)';

describe('Bicep against the vendored Azure definitions', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('reports nothing on the real infra/', () => {
    expect(check(files)).toEqual([]);
  });

  it('indexes every vendored resource type and AVM module', () => {
    const { resources, modules } = azureDefinitions();
    expect(resources.get('microsoft.web/sites@2024-04-01')).toBeDefined();
    expect(resources.get('microsoft.cdn/profiles/afdendpoints/routes@2025-04-15')).toBeDefined();
    expect(resources.get('microsoft.insights/diagnosticsettings@2021-05-01-preview')).toBeDefined();
    expect(resources.get('microsoft.graph/applications/federatedidentitycredentials@v1.0')).toBeDefined();
    expect(modules.get('avm/res/storage/storage-account:0.31.0')?.parameters?.['blobServices']).toBeDefined();
  });

  it('when a resource property is misspelled, then the file, line and path are reported', async () => {
    const changed = await mutated(files, api, "minTlsVersion: '1.2'", "minTlsVersio: '1.2'");
    expect(check(changed)).toEqual([
      `${api}:${lineOf(files, api, 'minTlsVersion')} ${site}: properties.siteConfig.minTlsVersio is not a property in the schema`,
    ]);
  });

  it('when a literal is not one of the schema enum values, then it is reported', async () => {
    const changed = await mutated(files, api, "ftpsState: 'Disabled'", "ftpsState: 'Off'");
    expect(check(changed)).toEqual([
      `${api}:${lineOf(files, api, 'ftpsState')} ${site}: properties.siteConfig.ftpsState is 'Off', not one of 'AllAllowed', 'FtpsOnly', 'Disabled'`,
    ]);
  });

  it('when a literal has the wrong kind or a required property is missing, then both are reported', async () => {
    let changed = await mutated(files, api, 'httpsOnly: true', "httpsOnly: 'true'");
    const rbac = 'infra/app/rbac.bicep';
    changed = await mutated(changed, rbac, '    principalId: appPrincipalId\n', '');
    expect(check(changed)).toEqual([
      `${api}:${lineOf(files, api, 'httpsOnly')} ${site}: properties.httpsOnly is a string, the schema wants boolean`,
      `${rbac}:${lineOf(files, rbac, 'properties: {', lineOf(files, rbac, 'resource appQueueContributor'))} resource appQueueContributor (Microsoft.Authorization/roleAssignments@2022-04-01): properties.principalId is required by the schema and missing`,
    ]);
  });

  it('when a resource uses an API version that is not vendored, then it is reported', async () => {
    const file = 'infra/app/web.bicep';
    const changed = await mutated(files, file, 'Microsoft.Web/staticSites@2024-04-01', 'Microsoft.Web/staticSites@2019-08-01');
    expect(check(changed)).toEqual([
      `${file}:${lineOf(files, file, 'staticSites@')} resource staticWebApp (Microsoft.Web/staticSites@2019-08-01): type and API version not among the vendored Azure schemas (tests/infra/vendor; scripts/vendor-azure-schemas.ts)`,
    ]);
  });

  it('when a child resource is nested, then it is checked against the child type (sites/config picked by its name, API version of the parent)', async () => {
    const changed = await mutated(
      files,
      api,
      "    version: '22'\n      }\n    }\n  }\n",
      "    version: '22'\n      }\n    }\n  }\n  resource logs 'config' = {\n    name: 'logs'\n    properties: {\n      detailedErrorMessages: { enabled: true }\n      httpLogs: { fileSystem: { enabled: 'yes' } }\n    }\n  }\n",
    );
    const at = lineOf(changed, api, "enabled: 'yes'");
    expect(check(changed)).toEqual([
      `${api}:${at} resource logs (Microsoft.Web/sites/config@2024-04-01): properties.httpLogs.fileSystem.enabled is a string, the schema wants boolean`,
    ]);
  });

  it('when a Microsoft Graph extension resource is wrong, then it is checked against the extension types', async () => {
    const file = 'infra/app/officer-sign-in.bicep';
    let changed = await mutated(files, file, 'issuer:', 'issuerUrl:');
    changed = await mutated(changed, file, 'appRoleAssignmentRequired: true', "appRoleAssignmentRequired: 'yes'");
    const credential = 'resource functionIdentity (Microsoft.Graph/applications/federatedIdentityCredentials@v1.0)';
    expect(check(changed)).toEqual([
      `${file}:${lineOf(files, file, 'issuer:')} ${credential}: issuerUrl is not a property in the schema`,
      `${file}:${lineOf(files, file, 'resource functionIdentity')} ${credential}: issuer is required by the schema and missing`,
      `${file}:${lineOf(files, file, 'appRoleAssignmentRequired')} resource officerSp (Microsoft.Graph/servicePrincipals@v1.0): appRoleAssignmentRequired is a string, the schema wants boolean`,
    ]);
  });

  it('when an AVM param is misspelled, then it is reported', async () => {
    const changed = await mutated(files, main, 'allowCrossTenantReplication: false', 'allowCrossTenantReplicaton: false');
    expect(check(changed)).toEqual([
      `${main}:${lineOf(files, main, 'allowCrossTenantReplication')} ${storage}: params.allowCrossTenantReplicaton is not declared by the module`,
    ]);
  });

  it('when a required AVM param is missing, then it is reported at the module', async () => {
    const changed = await mutated(files, main, "    name: 'stihce${resourceToken}'\n", '');
    expect(check(changed)).toEqual([
      `${main}:${lineOf(files, main, 'params: {', lineOf(files, main, 'module storage'))} ${storage}: params.name is required by the module and missing`,
    ]);
  });

  it('when an AVM param has a value outside allowedValues, then it is reported', async () => {
    const changed = await mutated(files, main, "kind: 'StorageV2'", "kind: 'StorageV3'");
    expect(check(changed)).toHaveLength(1);
    expect(check(changed)[0]).toMatch(
      new RegExp(
        `^${main}:${lineOf(files, main, "kind: 'StorageV2'")} module storage .*: params.kind is 'StorageV3', not one of the allowed values 'Storage', 'StorageV2'`,
      ),
    );
  });

  it('when an AVM object param has an unknown key or a bad nested value, then the path is reported', async () => {
    let changed = await mutated(files, main, "defaultAction: 'Allow'", "defaultActon: 'Allow'");
    changed = await mutated(changed, main, "bypass: 'AzureServices'", "bypass: 'Everything'");
    changed = await mutated(
      changed,
      main,
      '          name: deploymentContainerName\n',
      "          name: deploymentContainerName\n          publicAcces: 'None'\n",
    );
    const found = check(changed);
    expect(found).toContain(
      `${main}:${lineOf(files, main, 'defaultAction')} ${storage}: params.networkAcls.defaultActon is not declared by the module`,
    );
    expect(found.join('\n')).toContain(
      `${main}:${lineOf(files, main, 'bypass')} ${storage}: params.networkAcls.bypass is 'Everything', not one of`,
    );
    expect(found).toContain(
      `${main}:${lineOf(changed, main, 'publicAcces')} ${storage}: params.blobServices.containers[].publicAcces is not declared by the module`,
    );
    expect(found).toHaveLength(3);
  });

  it('when a local module gets an unknown or @allowed-violating param or misses a required one, then each is reported', async () => {
    const email = 'infra/app/email.bicep';
    let changed = await mutated(
      files,
      email,
      'param dataLocation string',
      "@allowed(['Europe', 'United States'])\nparam dataLocation string",
    );
    changed = await mutated(changed, main, 'dataLocation: emailDataLocation', "dataLocation: 'Marte'");
    changed = await mutated(
      changed,
      main,
      "    emailServiceName: 'ecs-ihce-${resourceToken}'\n",
      "    emailServiceNam: 'ecs-ihce-${resourceToken}'\n",
    );
    const found = check(changed).join('\n');
    expect(found).toContain(
      `${main}:${lineOf(files, main, 'dataLocation: emailDataLocation')} module email (app/email.bicep): params.dataLocation is 'Marte', not one of the allowed values 'Europe', 'United States'`,
    );
    expect(found).toContain(`module email (app/email.bicep): params.emailServiceNam is not declared by the module`);
    expect(found).toContain(`module email (app/email.bicep): params.emailServiceName is required by the module and missing`);
  });

  it('when a module body or an existing resource has a key Bicep does not take, then it is reported', async () => {
    let changed = await mutated(files, main, '  dependsOn: [\n    rbac\n  ]', '  dependOn: [\n    rbac\n  ]');
    const rbac = 'infra/app/rbac.bicep';
    changed = await mutated(changed, rbac, '  name: storageAccountName\n', "  name: storageAccountName\n  location: 'eastus'\n");
    expect(check(changed)).toEqual([
      `${rbac}:${lineOf(files, rbac, 'name: storageAccountName') + 1} resource storageAccount (Microsoft.Storage/storageAccounts@2023-05-01): an existing resource takes only name, scope, parent, not location`,
      `${main}:${lineOf(files, main, 'dependsOn: [')} module api: dependOn is not a module property (name, scope, params, dependsOn)`,
    ]);
  });

  it('when an AVM module version is not vendored, then it is reported', async () => {
    const changed = await mutated(files, main, 'avm/res/web/serverfarm:0.1.1', 'avm/res/web/serverfarm:0.0.9');
    expect(check(changed)).toEqual([
      `${main}:${lineOf(files, main, 'avm/res/web/serverfarm')} module plan (avm/res/web/serverfarm:0.0.9): not among the vendored AVM modules (tests/infra/vendor; scripts/vendor-azure-schemas.ts)`,
    ]);
  });
});
