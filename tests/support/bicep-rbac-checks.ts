import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { declarations, evaluate, finding, property, Symbolic, type BicepFile, type Declaration, type Finding } from './bicep';
import { roleAssignments } from './bicep-checks';

/**
 * Least-privilege rules that hold whatever the intended role list says (issue 15): they catch a policy file
 * that was widened together with the template.
 */
export function checkLeastPrivilege(files: BicepFile[]): Finding[] {
  return [...checkKeyVaultRoles(files), ...checkNoAccountWideBlobRole(files), ...checkDeployerGate(files), ...checkCustomRoleNames(files)];
}

const all = (files: BicepFile[]) => files.flatMap(declarations);

/** Built-in roles that read, delete or purge every secret of a vault. */
const broadKeyVaultRoles: Record<string, string> = {
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': 'Key Vault Secrets Officer',
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': 'Key Vault Administrator',
  'f25e0fa2-a7c8-4377-a976-54943a77a395': 'Key Vault Contributor',
};
const blobRoles: Record<string, string> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
};
const destructiveSecretAction = /\*|\/secrets\/(delete|purge\/action|backup\/action|restore\/action|recover\/action)$/i;

function customDataActions(files: BicepFile[], roleId: string, file: BicepFile): string[] {
  const symbol = roleId.replace(/^custom:/, '');
  const definition = declarations(file).find((d) => d.name === symbol && d.target === 'Microsoft.Authorization/roleDefinitions');
  const permissions = definition ? evaluate(property(definition.body, 'properties.permissions'), definition.file) : [];
  if (!Array.isArray(permissions)) return ['(unresolved permissions)'];
  return permissions.flatMap((p) => {
    if (!p || typeof p !== 'object' || Array.isArray(p) || p instanceof Symbolic) return ['(unresolved permission)'];
    const data = p.dataActions ?? [];
    return Array.isArray(data) ? data.map((a) => (typeof a === 'string' ? a : '(unresolved action)')) : ['(unresolved actions)'];
  });
}

export function checkKeyVaultRoles(files: BicepFile[]): Finding[] {
  return roleAssignments(files)
    .filter((a) => a.scopeType === 'Microsoft.KeyVault/vaults')
    .flatMap((a) => {
      const builtIn = broadKeyVaultRoles[a.roleId];
      if (builtIn) return [finding(a.d.file, a.d.node, `${a.d.name}: ${builtIn} on the vault (use the custom secrets role)`)];
      if (!a.roleId.startsWith('custom:')) return [];
      return customDataActions(files, a.roleId, a.d.file)
        .filter((action) => destructiveSecretAction.test(action) || action.startsWith('('))
        .map((action) => finding(a.d.file, a.d.node, `${a.d.name}: ${a.roleId} grants ${action} on the vault`));
    });
}

export function checkNoAccountWideBlobRole(files: BicepFile[]): Finding[] {
  return roleAssignments(files)
    .filter((a) => a.scopeType === 'Microsoft.Storage/storageAccounts')
    .flatMap((a) => {
      const builtIn = blobRoles[a.roleId];
      const customBlob =
        a.roleId.startsWith('custom:') && customDataActions(files, a.roleId, a.d.file).some((x) => /blobServices/i.test(x));
      return builtIn || customBlob
        ? [finding(a.d.file, a.d.node, `${a.d.name}: ${builtIn ?? a.roleId} on the whole storage account (scope it to a container)`)]
        : [];
    });
}

/** `if (…)` condition of a resource declaration, as text; undefined when unconditional. */
function condition(d: Declaration): string | undefined {
  const statement = d.node.namedChildren.find((child) => child?.type === 'if_statement');
  return statement?.namedChildren.find((child) => child?.type === 'parenthesized_expression')?.text;
}

export function checkDeployerGate(files: BicepFile[]): Finding[] {
  const found: Finding[] = [];
  const main = files.find((f) => f.path.endsWith('main.bicep') && !f.path.includes('app'));
  const flag = main && declarations(main).find((d) => d.kind === 'param' && d.name === 'grantDeployerAccess');
  if (!main || !flag) return [{ file: main?.path ?? 'infra', line: 1, message: 'param grantDeployerAccess is missing' }];
  if (flag.value?.text !== 'false') found.push(finding(main, flag.node, 'grantDeployerAccess must default to false'));
  const rbac = declarations(main).find((d) => d.kind === 'module' && d.target === 'app/rbac.bicep');
  const passed = property(rbac?.body, 'params.deployerPrincipalId')?.text.replace(/\s+/g, ' ');
  if (rbac && passed !== "grantDeployerAccess ? principalId : ''")
    found.push(finding(main, rbac.node, `rbac: deployerPrincipalId must be empty unless grantDeployerAccess (is ${passed})`));
  for (const a of roleAssignments(files).filter((x) => x.principal === 'deployerPrincipalId')) {
    if (condition(a.d)?.replace(/\s+/g, '') !== '(!empty(deployerPrincipalId))')
      found.push(finding(a.d.file, a.d.node, `${a.d.name}: a deployer role must be declared if (!empty(deployerPrincipalId))`));
  }
  return found;
}

/** Source text of an expression with `${var}` and `${param}` interpolations replaced by what they are given. */
function expandText(node: Node | undefined, file: BicepFile, files: BicepFile[], depth = 0): string {
  if (!node || depth > 5) return '';
  const text = node.type === 'identifier' ? `\${${node.text}}` : node.text;
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const d = declarations(file).find((x) => x.name === name && (x.kind === 'var' || x.kind === 'param'));
    if (d?.kind === 'var') return expandText(d.value, file, files, depth + 1);
    if (d?.kind !== 'param') return whole;
    const callers = all(files).filter(
      (m) => m.kind === 'module' && m.target && path.join(path.dirname(m.file.path), m.target) === file.path,
    );
    const given = callers.map((m) => expandText(property(m.body, `params.${name}`), m.file, files, depth + 1));
    return given.length ? given.join(' | ') : whole;
  });
}

export function checkCustomRoleNames(files: BicepFile[]): Finding[] {
  return all(files)
    .filter((d) => d.kind === 'resource' && d.target === 'Microsoft.Authorization/roleDefinitions' && !d.existing)
    .flatMap((d) => {
      const found: Finding[] = [];
      const roleName = expandText(property(d.body, 'properties.roleName'), d.file, files);
      if (!/subscription\(\)\.(subscriptionId|id)/.test(roleName))
        found.push(
          finding(d.file, d.node, `custom role ${d.name}: roleName must include the subscription (unique per tenant): ${roleName}`),
        );
      const name = property(d.body, 'name')?.text ?? '';
      if (!/^guid\(.*(resourceGroup\(\)\.id|subscription\(\)\.(id|subscriptionId))/.test(name))
        found.push(finding(d.file, d.node, `custom role ${d.name}: name must be a guid() of the resource group or subscription id`));
      return found;
    });
}
