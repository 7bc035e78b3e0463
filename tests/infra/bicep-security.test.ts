import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarations, loadBicepFiles, syntaxErrors, type BicepFile, type Finding } from '../support/bicep';
import {
  checkAppSettings,
  checkForbiddenRoles,
  checkFunctionApp,
  checkKeyVaults,
  checkLocalAuthDisabled,
  checkOutputs,
  checkRoleAssignments,
  checkStorageAccounts,
  roleAssignments,
} from '../support/bicep-checks';
import { builtInRoles, infraPolicy } from './infra-policy';

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);

describe('infrastructure (Bicep, checked offline)', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('every .bicep file under infra/ parses with the tree-sitter grammar', () => {
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['infra/main.bicep', 'infra/app/api.bicep', 'infra/app/rbac.bicep']));
    expect(show(files.flatMap(syntaxErrors))).toEqual([]);
    for (const file of files) expect(declarations(file).length, file.path).toBeGreaterThan(0);
  });

  it('Key Vault authorises with RBAC, keeps soft delete and purge protection', () => {
    expect(show(checkKeyVaults(files))).toEqual([]);
  });

  it('the storage account refuses shared keys, public blobs, plain HTTP and TLS below 1.2', () => {
    expect(show(checkStorageAccounts(files))).toEqual([]);
  });

  it('Application Insights and Log Analytics accept Entra tokens only (local auth disabled)', () => {
    expect(show(checkLocalAuthDisabled(files))).toEqual([]);
  });

  it('no output carries a secret: no secret-sounding name, no list*() call, no key or connection string, no @secure() param', () => {
    expect(show(checkOutputs(files))).toEqual([]);
  });

  it('app settings are identity-based; the captcha key is a Key Vault reference; no connection string or key', () => {
    expect(show(checkAppSettings(files, infraPolicy))).toEqual([]);
  });

  it('each role assignment is exactly the intended role for its scope and principal, and nothing broader exists', () => {
    expect(show(checkRoleAssignments(files, infraPolicy))).toEqual([]);
    expect(show(checkForbiddenRoles(files, infraPolicy))).toEqual([]);
    const app = roleAssignments(files).filter((a) => a.principal === 'appPrincipalId');
    // Issue 15 (least privilege): blob roles on single containers instead of Blob Data Owner on the account, and a
    // custom Key Vault role (get, set, update, metadata) instead of Key Vault Secrets Officer.
    const container = 'Microsoft.Storage/storageAccounts/blobServices/containers';
    expect(app.map((a) => `${a.scopeType} ${a.roleId}`).sort()).toEqual(
      [
        `Microsoft.Communication/communicationServices custom:acsEmailSenderRole`,
        `Microsoft.Insights/components ${builtInRoles.monitoringMetricsPublisher}`,
        `Microsoft.KeyVault/vaults custom:appSecretsRole`,
        `Microsoft.Storage/storageAccounts ${builtInRoles.storageQueueDataContributor}`,
        `Microsoft.Storage/storageAccounts ${builtInRoles.storageTableDataContributor}`,
        `${container}:app-package ${builtInRoles.storageBlobDataContributor}`,
        `${container}:azure-webjobs-hosts ${builtInRoles.storageBlobDataContributor}`,
        `${container}:azure-webjobs-secrets ${builtInRoles.storageBlobDataContributor}`,
        `${container}:table-exports ${builtInRoles.storageBlobDataContributor}`,
        // Issue 16: the directory files officials upload from the web, on their own container.
        `${container}:directory-uploads ${builtInRoles.storageBlobDataContributor}`,
        `${container}:audit-worm custom:auditAppenderRole`,
      ].sort(),
    );
  });

  it('the Function App runs Node 22 on Flex Consumption with its user-assigned identity everywhere', () => {
    expect(show(checkFunctionApp(files))).toEqual([]);
  });

  it('main.parameters.json names only params of main.bicep and gives every param without default a value', async () => {
    const parameters = JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as { parameters: Record<string, unknown> };
    const params = declarations(files.find((f) => f.path === 'infra/main.bicep')!).filter((d) => d.kind === 'param');
    const names = params.map((p) => p.name);
    expect(Object.keys(parameters.parameters).filter((name) => !names.includes(name))).toEqual([]);
    // A param without default has two named parts: its name and its type.
    const required = params.filter((p) => p.node.namedChildren.length === 2).map((p) => p.name);
    expect(required.filter((name) => !(name in parameters.parameters))).toEqual([]);
    expect(required).toEqual(expect.arrayContaining(['environmentName', 'location']));
  });
});
