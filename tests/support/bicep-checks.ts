import type { Node } from 'web-tree-sitter';
import {
  declarations,
  descendants,
  evaluate,
  finding,
  objectEntries,
  property,
  stringValue,
  Symbolic,
  syntaxErrors,
  type BicepFile,
  type Declaration,
  type Finding,
  type Value,
} from './bicep';
import { checkFrontDoor } from './front-door-checks';

/** What the deployment must look like; the checks report every difference as a file:line finding. */
export type InfraPolicy = {
  /** scope resource type → principal expression → role definition ids (or `custom:<symbol>`). */
  roles: Record<string, Record<string, string[]>>;
  /** custom role symbol → its exact list of actions. */
  customRoleActions: Record<string, string[]>;
  /** custom role symbol → its exact list of data actions (none when absent). */
  customRoleDataActions?: Record<string, string[]>;
  /** app settings that must be present; a string is the exact value. */
  requiredAppSettings: Record<string, string | true>;
  /** Role definition ids that must appear nowhere (Owner, Contributor, User Access Administrator…). */
  forbiddenRoleIds: string[];
};

export function checkInfra(files: BicepFile[], policy: InfraPolicy): Finding[] {
  return [
    ...files.flatMap(syntaxErrors),
    ...checkKeyVaults(files),
    ...checkStorageAccounts(files),
    ...checkLocalAuthDisabled(files),
    ...checkOutputs(files),
    ...checkAppSettings(files, policy),
    ...checkRoleAssignments(files, policy),
    ...checkForbiddenRoles(files, policy),
    ...checkFunctionApp(files),
    ...checkFrontDoor(files),
  ];
}

const all = (files: BicepFile[]) => files.flatMap(declarations);

/** Resources of a type (deployed, not `existing`) and AVM modules for it: their properties or params. */
function configured(files: BicepFile[], resourceType: string, avmPath: string, settingsPath = 'properties') {
  return all(files).flatMap((d) => {
    if (d.kind === 'resource' && d.target === resourceType && !d.existing) return [{ d, settings: property(d.body, settingsPath) }];
    if (d.kind === 'module' && d.target?.startsWith(`br/public:${avmPath}:`)) return [{ d, settings: property(d.body, 'params') }];
    return [];
  });
}

function expectSetting(d: Declaration, settings: Node | undefined, key: string, expected: Value): Finding[] {
  const node = property(settings, key);
  if (!node) return [finding(d.file, d.node, `${d.name}: ${key} is not set (must be ${JSON.stringify(expected)})`)];
  const actual = evaluate(node, d.file);
  return actual === expected ? [] : [finding(d.file, node, `${d.name}: ${key} is ${node.text} (must be ${JSON.stringify(expected)})`)];
}

function requireSome(files: BicepFile[], found: unknown[], what: string): Finding[] {
  return found.length ? [] : [{ file: files[0]?.path ?? 'infra', line: 1, message: `no ${what} declared` }];
}

export function checkKeyVaults(files: BicepFile[]): Finding[] {
  const vaults = configured(files, 'Microsoft.KeyVault/vaults', 'avm/res/key-vault/vault');
  return [
    ...requireSome(files, vaults, 'Key Vault'),
    ...vaults.flatMap(({ d, settings }) => [
      ...expectSetting(d, settings, 'enableRbacAuthorization', true),
      ...expectSetting(d, settings, 'enablePurgeProtection', true),
      ...expectSetting(d, settings, 'enableSoftDelete', true),
    ]),
  ];
}

export function checkStorageAccounts(files: BicepFile[]): Finding[] {
  const accounts = configured(files, 'Microsoft.Storage/storageAccounts', 'avm/res/storage/storage-account');
  return [
    ...requireSome(files, accounts, 'storage account'),
    ...accounts.flatMap(({ d, settings }) => [
      ...expectSetting(d, settings, 'allowSharedKeyAccess', false),
      ...expectSetting(d, settings, 'allowBlobPublicAccess', false),
      ...expectSetting(d, settings, 'minimumTlsVersion', 'TLS1_2'),
      ...expectSetting(d, settings, 'supportsHttpsTrafficOnly', true),
    ]),
  ];
}

export function checkLocalAuthDisabled(files: BicepFile[]): Finding[] {
  const components = all(files).flatMap((d) => {
    if (d.kind === 'resource' && d.target === 'Microsoft.Insights/components' && !d.existing)
      return [{ d, settings: property(d.body, 'properties'), key: 'DisableLocalAuth' }];
    if (d.kind === 'module' && d.target?.startsWith('br/public:avm/res/insights/component:'))
      return [{ d, settings: property(d.body, 'params'), key: 'disableLocalAuth' }];
    return [];
  });
  const workspaces = configured(files, 'Microsoft.OperationalInsights/workspaces', 'avm/res/operational-insights/workspace');
  return [
    ...requireSome(files, components, 'Application Insights'),
    ...requireSome(files, workspaces, 'Log Analytics workspace'),
    ...components.flatMap(({ d, settings, key }) => expectSetting(d, settings, key, true)),
    ...workspaces.flatMap(({ d, settings }) => expectSetting(d, settings, 'features.disableLocalAuth', true)),
  ];
}

const secretName =
  /(^|_)keys?(_|$)|secret|password|passwd|pwd|connection_?string|access_?key|account_?key|api_?key|primary_?key|secondary_?key|shared_?key|instrumentation_?key|sas|token|hmac|credential/i;
const secretMember = /connectionstring|primarykey|secondarykey|accesskey|secret|password|sastoken/i;
const secretLiteral = /AccountKey=|SharedAccessSignature=|[?&]sig=|DefaultEndpointsProtocol=|-----BEGIN|password=/i;

/** What an expression reaches, following vars: the reasons it could carry a secret. */
function secretSources(node: Node, file: BicepFile, seen = new Set<string>()): string[] {
  const decls = declarations(file);
  const reasons: string[] = [];
  for (const n of descendants(node)) {
    if (n.type === 'call_expression') {
      const callee = n.childForFieldName('function');
      const name = (callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text) ?? '';
      if (/^list/i.test(name) || name === 'getSecret') reasons.push(`calls ${name}()`);
    }
    if (n.type === 'member_expression' && secretMember.test(n.childForFieldName('property')?.text ?? '')) reasons.push(`reads ${n.text}`);
    if (n.type === 'string' && secretLiteral.test(n.text)) reasons.push('holds a credential literal');
    if (n.type === 'identifier' && !seen.has(n.text)) {
      const target = decls.find((d) => d.name === n.text && (d.kind === 'param' || d.kind === 'var'));
      if (target?.kind === 'param' && target.decorators.some((text) => text.startsWith('@secure(')))
        reasons.push(`uses @secure() param ${n.text}`);
      if (target?.kind === 'var' && target.value) {
        seen.add(n.text);
        reasons.push(...secretSources(target.value, file, seen));
      }
    }
  }
  return reasons;
}

export function checkOutputs(files: BicepFile[]): Finding[] {
  return all(files)
    .filter((d) => d.kind === 'output')
    .flatMap((d) => {
      const found: Finding[] = [];
      if (secretName.test(d.name.replace(/key_?vault/gi, '')))
        found.push(finding(d.file, d.node, `output ${d.name}: its name says secret`));
      for (const reason of d.value ? secretSources(d.value, d.file) : []) found.push(finding(d.file, d.node, `output ${d.name} ${reason}`));
      return found;
    });
}

type Setting = { key: string; value: Node; file: BicepFile };

/** The key/value pairs an app-settings expression builds: object literals, vars, `union(…)`, name/value arrays. */
function settingEntries(node: Node, file: BicepFile, depth = 0): Setting[] {
  if (depth > 10) return [{ key: '*', value: node, file }];
  if (node.type === 'object') return objectEntries(node).map(({ key, value }) => ({ key, value, file }));
  if (node.type === 'identifier') {
    const variable = declarations(file).find((d) => d.kind === 'var' && d.name === node.text);
    return variable?.value ? settingEntries(variable.value, file, depth + 1) : [{ key: '*', value: node, file }];
  }
  if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'union') {
    const args = node.namedChildren.find((child) => child?.type === 'arguments')?.namedChildren ?? [];
    return args.filter((arg): arg is Node => arg !== null).flatMap((arg) => settingEntries(arg, file, depth + 1));
  }
  if (node.type === 'array') {
    return node.namedChildren
      .filter((item): item is Node => item?.type === 'object')
      .map((item) => ({ key: stringValue(property(item, 'name')) ?? '*', value: property(item, 'value') ?? item, file }));
  }
  return [{ key: '*', value: node, file }];
}

function appSettings(files: BicepFile[]): { d: Declaration; settings: Setting[] }[] {
  return all(files).flatMap((d) => {
    if (d.kind !== 'resource' || d.existing) return [];
    const isAppSettings = d.target === 'Microsoft.Web/sites/config' && stringValue(property(d.body, 'name')) === 'appsettings';
    const source = isAppSettings
      ? property(d.body, 'properties')
      : d.target === 'Microsoft.Web/sites'
        ? property(d.body, 'properties.siteConfig.appSettings')
        : undefined;
    return source ? [{ d, settings: settingEntries(source, d.file) }] : [];
  });
}

export function checkAppSettings(files: BicepFile[], policy: InfraPolicy): Finding[] {
  const blocks = appSettings(files);
  const found: Finding[] = [...requireSome(files, blocks, 'Function App settings')];
  for (const { d, settings } of blocks) {
    for (const { key, value, file } of settings) {
      const at = (message: string) => found.push(finding(file, value, `app setting ${key}: ${message}`));
      if (key === 'AzureWebJobsStorage' || key === 'IHCE_STORAGE') at('a connection string; use the identity-based __serviceUri settings');
      const reasons = secretSources(value, file);
      const appInsightsConnection = key === 'APPLICATIONINSIGHTS_CONNECTION_STRING' && /\.properties\.ConnectionString$/.test(value.text);
      if (!appInsightsConnection) reasons.forEach((reason) => at(reason));
      if (/SECRET$|PASSWORD|HMAC|ACCOUNT_?KEY|API_?KEY|_KEY$/i.test(key) && !value.text.startsWith("'@Microsoft.KeyVault("))
        at('a secret must be a Key Vault reference');
    }
    for (const [key, expected] of Object.entries(policy.requiredAppSettings)) {
      const setting = settings.find((s) => s.key === key);
      if (!setting) found.push(finding(d.file, d.node, `app setting ${key} is missing`));
      else if (expected !== true && evaluate(setting.value, setting.file) !== expected)
        found.push(finding(setting.file, setting.value, `app setting ${key} is ${setting.value.text} (must be '${expected}')`));
    }
  }
  return found;
}

export const blobContainerType = 'Microsoft.Storage/storageAccounts/blobServices/containers';

const guidAtEnd = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Each role assignment as scope type, principal expression and role id (or `custom:<symbol>`). */
export function roleAssignments(files: BicepFile[]) {
  return all(files)
    .filter((d) => d.kind === 'resource' && d.target === 'Microsoft.Authorization/roleAssignments' && !d.existing)
    .map((d) => {
      const siblings = declarations(d.file);
      const scope = property(d.body, 'scope');
      const scopeDeclaration = scope && siblings.find((s) => s.kind === 'resource' && s.name === scope.text);
      let scopeType = scope ? (scopeDeclaration?.target ?? `unknown scope ${scope.text}`) : 'resourceGroup';
      // A blob container is told apart by its name: a role on `audit-worm` is not a role on `app-package`.
      if (scopeDeclaration && scopeType === blobContainerType) {
        const name = evaluate(property(scopeDeclaration.body, 'name'), d.file);
        scopeType += `:${typeof name === 'string' ? name : `unresolved ${String(name)}`}`;
      }
      const roleNode = property(d.body, 'properties.roleDefinitionId');
      const role = evaluate(roleNode, d.file);
      let roleId = `unresolved ${roleNode?.text ?? '(none)'}`;
      if (typeof role === 'string' && guidAtEnd.test(role)) roleId = guidAtEnd.exec(role)![1]!.toLowerCase();
      else if (role instanceof Symbolic) {
        const custom = /^(\w+)\.id$/.exec(role.text)?.[1];
        if (custom && siblings.some((s) => s.name === custom && s.target === 'Microsoft.Authorization/roleDefinitions'))
          roleId = `custom:${custom}`;
      }
      return { d, scopeType, principal: property(d.body, 'properties.principalId')?.text ?? '(none)', roleId };
    });
}

export function checkRoleAssignments(files: BicepFile[], policy: InfraPolicy): Finding[] {
  const found: Finding[] = [];
  const actual = roleAssignments(files);
  for (const a of actual) {
    if (!policy.roles[a.scopeType]?.[a.principal]?.includes(a.roleId)) {
      found.push(
        finding(
          a.d.file,
          a.d.node,
          `role assignment ${a.d.name}: ${a.roleId} for ${a.principal} on ${a.scopeType} is not in the intended list`,
        ),
      );
    }
  }
  for (const [scopeType, principals] of Object.entries(policy.roles)) {
    for (const [principal, roleIds] of Object.entries(principals)) {
      for (const roleId of roleIds) {
        const matches = actual.filter((a) => a.scopeType === scopeType && a.principal === principal && a.roleId === roleId);
        if (matches.length !== 1)
          found.push({
            file: 'infra',
            line: 1,
            message: `role ${roleId} for ${principal} on ${scopeType}: ${matches.length} assignments (must be exactly 1)`,
          });
      }
    }
  }
  for (const d of all(files).filter(
    (x) => x.kind === 'resource' && x.target === 'Microsoft.Authorization/roleDefinitions' && !x.existing,
  )) {
    const allowed = policy.customRoleActions[d.name];
    const permissions = evaluate(property(d.body, 'properties.permissions'), d.file);
    const list = (key: string) =>
      Array.isArray(permissions)
        ? permissions.flatMap((p) =>
            p && typeof p === 'object' && !Array.isArray(p) && !(p instanceof Symbolic) ? ((p[key] as Value[]) ?? []) : [],
          )
        : [new Symbolic('?')];
    if (!allowed) found.push(finding(d.file, d.node, `custom role ${d.name} is not in the intended list`));
    else if (JSON.stringify([...list('actions')].sort()) !== JSON.stringify([...allowed].sort()))
      found.push(finding(d.file, d.node, `custom role ${d.name}: actions must be exactly ${allowed.join(', ')}`));
    const allowedData = policy.customRoleDataActions?.[d.name] ?? [];
    if (JSON.stringify([...list('dataActions')].sort()) !== JSON.stringify([...allowedData].sort())) {
      const expected = allowedData.length ? `exactly ${allowedData.join(', ')}` : 'none';
      found.push(finding(d.file, d.node, `custom role ${d.name}: data actions must be ${expected}`));
    }
    // Compared as text: the grammar splits `resourceGroup().id` on its own array line into two items.
    if (property(d.body, 'properties.assignableScopes')?.text.replace(/[\s[\]]/g, '') !== 'resourceGroup().id') {
      found.push(finding(d.file, d.node, `custom role ${d.name}: assignable only in its resource group`));
    }
  }
  return found;
}

export function checkForbiddenRoles(files: BicepFile[], policy: InfraPolicy): Finding[] {
  const found: Finding[] = [];
  for (const file of files) {
    for (const n of descendants(file.tree.rootNode)) {
      if (n.type === 'string' && policy.forbiddenRoleIds.some((id) => n.text.toLowerCase().includes(id)))
        found.push(finding(file, n, `forbidden role id ${n.text}`));
    }
  }
  // AVM modules can assign roles through a param; all assignments must be in one checked place instead.
  for (const d of all(files).filter((x) => x.kind === 'module' && property(x.body, 'params.roleAssignments'))) {
    found.push(finding(d.file, d.node, `module ${d.name} assigns roles itself; keep every assignment in rbac.bicep`));
  }
  return found;
}

export function checkFunctionApp(files: BicepFile[]): Finding[] {
  const sites = all(files).filter(
    (d) =>
      d.kind === 'resource' &&
      d.target === 'Microsoft.Web/sites' &&
      !d.existing &&
      /functionapp/.test(d.body ? (evaluate(property(d.body, 'kind'), d.file) as string) : ''),
  );
  const plans = configured(files, 'Microsoft.Web/serverfarms', 'avm/res/web/serverfarm', 'sku');
  const found = [...requireSome(files, sites, 'Function App'), ...requireSome(files, plans, 'App Service plan')];
  for (const { d, settings } of plans) {
    const sku = d.kind === 'module' ? property(settings, 'sku') : settings;
    found.push(...expectSetting(d, sku, 'name', 'FC1'), ...expectSetting(d, sku, 'tier', 'FlexConsumption'));
  }
  for (const d of sites) {
    const props = property(d.body, 'properties');
    found.push(...expectSetting(d, property(d.body, 'identity'), 'type', 'UserAssigned'));
    found.push(...expectSetting(d, props, 'functionAppConfig.runtime.name', 'node'));
    found.push(...expectSetting(d, props, 'functionAppConfig.runtime.version', '22'));
    found.push(...expectSetting(d, props, 'functionAppConfig.deployment.storage.authentication.type', 'UserAssignedIdentity'));
    found.push(...expectSetting(d, props, 'httpsOnly', true));
    const identities = property(d.body, 'identity.userAssignedIdentities');
    const identity = identities ? objectEntries(identities)[0]?.node.namedChildren[0]?.text : undefined;
    const sameIdentity = [
      property(props, 'keyVaultReferenceIdentity'),
      property(props, 'functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId'),
    ];
    if (!identity || sameIdentity.some((n) => !n || !identity.includes(`\${${n.text}}`))) {
      found.push(
        finding(
          d.file,
          d.node,
          `${d.name}: keyVaultReferenceIdentity and the deployment storage must use the site's user-assigned identity`,
        ),
      );
    }
  }
  return found;
}
