import type { Node } from 'web-tree-sitter';
import { containerNames, queueNames, tableNames } from '../../src/platform/storage/storage';
import { declarations, evaluate, finding, objectEntries, property, type BicepFile, type Finding } from './bicep';

/** A list in Bicep: an array literal, or `[for x in list: {…}]` (then the list itself, by name or literal). */
function listOf(node: Node | undefined, file: BicepFile): unknown[] | undefined {
  if (!node) return undefined;
  if (node.type === 'for_statement') return listOf(node.namedChildren[1] ?? undefined, file);
  const value = evaluate(node, file);
  return Array.isArray(value) ? value : undefined;
}

function compare(file: BicepFile, at: Node, what: string, declared: unknown[] | undefined, expected: readonly string[]): Finding[] {
  if (!declared) return [finding(file, at, `storage: ${what} are not a list the checker can read`)];
  const missing = expected.filter((name) => !declared.includes(name));
  const extra = declared.filter((name) => !expected.includes(String(name)));
  return [
    ...(missing.length ? [finding(file, at, `storage: ${what} missing in Bicep: ${missing.join(', ')}`)] : []),
    ...(extra.length ? [finding(file, at, `storage: ${what} in Bicep but not in the code: ${extra.join(', ')}`)] : []),
  ];
}

/** The branch of `cond ? a : b` that is an object, or the object itself. */
const objectIn = (node: Node | undefined) =>
  node?.type === 'ternary_expression' ? (node.namedChildren.find((child) => child?.type === 'object') ?? undefined) : node;

/**
 * The storage account of infra/main.bicep against src/platform/storage/storage.ts: every table, queue (and its
 * poison queue) and container the code names is declared, and nothing else; the audit container is write-once
 * with protected append writes; the account keeps versions and soft-deleted blobs and containers.
 */
export function checkStorageDurability(files: BicepFile[]): Finding[] {
  const main = files.find((file) => file.path.endsWith('main.bicep') && file.path.split('/').length === 2);
  const storage = main && declarations(main).find((d) => d.kind === 'module' && d.target?.includes('avm/res/storage/storage-account'));
  const params = property(storage?.body, 'params');
  if (!main || !storage || !params) return [{ file: 'infra/main.bicep', line: 1, message: 'storage: no storage-account module found' }];
  const at = (path: string) => property(params, path) ?? storage.node;

  const findings = [
    ...compare(main, at('tableServices'), 'tables', listOf(property(params, 'tableServices.tables'), main), tableNames),
    ...compare(main, at('queueServices'), 'queues', listOf(property(params, 'queueServices.queues'), main), [
      ...queueNames.flatMap((name) => [name, `${name}-poison`]),
    ]),
  ];
  const blob = property(params, 'blobServices');
  const containers = property(blob, 'containers');
  const byName = new Map(
    (containers?.namedChildren ?? [])
      .filter((node): node is Node => node?.type === 'object')
      .map((node) => [evaluate(property(node, 'name'), main), node] as const),
  );
  for (const name of containerNames) {
    if (!byName.has(name)) findings.push(finding(main, containers ?? storage.node, `storage: container ${name} missing in Bicep`));
  }
  const audit = byName.get('audit-worm');
  const policy = objectIn(property(audit, 'immutabilityPolicy'));
  if (audit && policy?.type !== 'object') findings.push(finding(main, audit, 'storage: audit-worm has no immutabilityPolicy'));
  if (policy?.type === 'object') {
    const values = Object.fromEntries(objectEntries(policy).map(({ key, value }) => [key, evaluate(value, main)]));
    if (values.allowProtectedAppendWrites !== true)
      findings.push(finding(main, policy, 'storage: audit-worm allowProtectedAppendWrites must be true'));
    if (values.allowProtectedAppendWritesAll === true)
      findings.push(finding(main, policy, 'storage: audit-worm allowProtectedAppendWritesAll must not be true'));
    if (!('immutabilityPeriodSinceCreationInDays' in values))
      findings.push(finding(main, policy, 'storage: audit-worm has no retention period'));
  }
  for (const flag of ['isVersioningEnabled', 'deleteRetentionPolicyEnabled', 'containerDeleteRetentionPolicyEnabled']) {
    if (evaluate(property(blob, flag), main) !== true)
      findings.push(finding(main, blob ?? storage.node, `storage: blobServices.${flag} must be true`));
  }
  return findings;
}
