import type { Node } from 'web-tree-sitter';
import { alternatives, azureDefinitions, VENDOR_DIR, type Located, type Schema } from './azure-definitions';
import { declarations, finding, stringValue, type BicepFile, type Declaration, type Finding } from './bicep';

/**
 * Every `resource` in the templates against the JSON schema Azure publishes for its type and API version
 * (tests/infra/vendor): the API version must be a vendored one; every key the Bicep writes as a literal object key must
 * be a property of the schema at that path (an object with `additionalProperties` takes any key); a literal string
 * where the schema has an enum must be one of its values; a literal of the wrong kind (string for a boolean…) is
 * reported; required properties must be present in a literal object. Values that are expressions (params, vars of
 * other kinds, function calls, interpolated strings, conditions) are not evaluated and are skipped; a var holding an
 * object or array literal is followed. Child resources (`parent:` or nested `resource` blocks) use the child's schema.
 */

/** What the body of an `existing` resource may hold. */
const EXISTING_KEYS = new Set(['name', 'scope', 'parent']);
/** Keys Bicep adds to every resource body. */
const BICEP_RESOURCE_KEYS = new Set(['parent', 'scope', 'dependsOn']);
/**
 * Resource-level `required` entries not enforced: `apiVersion` and `type` come from the declaration's type string;
 * the schema generator lists the `properties` envelope as required for nearly every type (resource groups too), while
 * ARM and Bicep accept a resource without it. What `properties` itself requires is checked when it is written.
 */
const IMPLICIT_REQUIRED = new Set(['apiVersion', 'type', 'properties']);

type Context = { file: BicepFile; resource: string; found: Finding[] };

const parsed = new WeakMap<BicepFile, Declaration[]>();
/** declarations(file), once per parsed file: vars are looked up for every identifier value. */
export function declarationsOf(file: BicepFile): Declaration[] {
  let found = parsed.get(file);
  if (!found) parsed.set(file, (found = declarations(file)));
  return found;
}

export function checkResourceSchemas(files: BicepFile[]): Finding[] {
  const found: Finding[] = [];
  for (const file of files) {
    for (const d of declarationsOf(file)) {
      if (d.kind !== 'resource') continue;
      const typeString = stringValue(d.node.namedChildren[1]);
      if (typeString) checkResource(file, d.name, d.node, typeString, undefined, Boolean(d.existing), d.body, found);
    }
  }
  return found;
}

function checkResource(
  file: BicepFile,
  name: string,
  node: Node,
  typeString: string,
  parent: { type: string; version: string } | undefined,
  existing: boolean,
  body: Node | undefined,
  found: Finding[],
): void {
  const [rawType = '', ownVersion] = typeString.split('@');
  // A nested resource writes its type as one segment and may leave out the version: the parent's is used
  // (https://learn.microsoft.com/azure/azure-resource-manager/bicep/child-resource-name-type#within-parent-resource).
  const nested = parent && !rawType.split('/')[0]!.includes('.');
  const type = nested ? `${parent.type}/${rawType}` : rawType;
  const version = ownVersion ?? parent?.version ?? '';
  const resource = `${name} (${type}@${version})`;
  const located = azureDefinitions().resources.get(`${type}@${version}`.toLowerCase());
  if (!located) {
    found.push(
      finding(
        file,
        node,
        `resource ${resource}: type and API version not among the vendored Azure schemas (${VENDOR_DIR}; scripts/vendor-azure-schemas.ts)`,
      ),
    );
  } else if (existing) {
    for (const prop of body?.namedChildren ?? []) {
      const key = prop?.type === 'object_property' ? prop.namedChildren[0] : undefined;
      if (key && key.type !== 'resource_declaration' && !EXISTING_KEYS.has(key.text))
        found.push(
          finding(file, key, `resource ${resource}: an existing resource takes only ${[...EXISTING_KEYS].join(', ')}, not ${key.text}`),
        );
    }
  } else if (body) {
    checkObject(body, located, '', { file, resource, found }, true);
  }
  // Nested child resources, inside the body object (also for `existing` parents).
  for (const prop of body?.namedChildren ?? []) {
    const child = prop?.type === 'object_property' ? prop.namedChildren[0] : undefined;
    if (child?.type !== 'resource_declaration') continue;
    const named = child.namedChildren.filter((n): n is Node => n !== null);
    const childType = stringValue(named[1]);
    const childBody = named[2]?.type === 'object' ? named[2] : named[2]?.namedChildren.findLast((n) => n?.type === 'object');
    const isExisting = child.children.some((n) => n?.type === 'existing');
    if (childType)
      checkResource(file, named[0]?.text ?? '?', child, childType, { type, version }, isExisting, childBody ?? undefined, found);
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** What a value node is, when it is a literal; undefined for expressions. */
function literalKind(node: Node): 'object' | 'array' | 'string' | 'integer' | 'boolean' | undefined {
  if (node.type === 'object') return 'object';
  if (node.type === 'array' || node.type === 'for_statement') return 'array';
  if (node.type === 'string') return stringValue(node) === undefined ? undefined : 'string';
  if (node.type === 'number') return 'integer';
  if (node.type === 'boolean') return 'boolean';
  return undefined;
}

/** A var holding a literal object or array, followed so that its keys are checked where it is written. */
function followVar(node: Node, file: BicepFile): Node {
  if (node.type !== 'identifier') return node;
  const variable = declarationsOf(file).find((d) => d.kind === 'var' && d.name === node.text);
  return variable?.value && (variable.value.type === 'object' || variable.value.type === 'array') ? variable.value : node;
}

function checkValue(raw: Node, at: Located[], path: string, ctx: Context): void {
  const node = followVar(raw, ctx.file);
  const kind = literalKind(node);
  if (!kind || at.length === 0) return;
  const typed = at.filter((a) => a.schema.type);
  const accepts = (a: Located) =>
    !a.schema.type ||
    a.schema.type === kind ||
    (a.schema.type === 'number' && kind === 'integer') ||
    (kind === 'object' && a.schema.type === 'object');
  if (typed.length === at.length && !at.some(accepts)) {
    ctx.found.push(
      finding(
        ctx.file,
        node,
        `resource ${ctx.resource}: ${path} is ${kind === 'integer' ? 'a number' : `a ${kind}`}, the schema wants ${[...new Set(typed.map((a) => a.schema.type))].join(' or ')}`,
      ),
    );
    return;
  }
  if (kind === 'string') {
    const value = stringValue(node)!;
    const enums = at.filter((a) => a.schema.enum);
    if (enums.length && enums.length === at.filter((a) => !a.schema.type || a.schema.type === 'string').length) {
      const allowed = enums.flatMap((a) => a.schema.enum!);
      if (!allowed.includes(value))
        ctx.found.push(
          finding(
            ctx.file,
            node,
            `resource ${ctx.resource}: ${path} is '${value}', not one of ${allowed.map((v) => `'${String(v)}'`).join(', ')}`,
          ),
        );
    }
  } else if (kind === 'array') {
    const items = at.flatMap((a) => (a.schema.items ? alternatives({ schema: a.schema.items, file: a.file }) : []));
    const elements = node.type === 'for_statement' ? [node.namedChildren.findLast((n) => n?.type === 'object')] : node.namedChildren;
    for (const element of elements) if (element && element.type !== 'comment') checkValue(element, items, `${path}[]`, ctx);
  } else if (kind === 'object') {
    checkObject(node, at, path, ctx, false);
  }
}

function checkObject(node: Node, input: Located | Located[], path: string, ctx: Context, isResource: boolean): void {
  const objects = (Array.isArray(input) ? input : alternatives(input)).filter((a) => !a.schema.type || a.schema.type === 'object');
  if (objects.length === 0) return;
  const entries = node.namedChildren
    .filter((prop): prop is Node => prop?.type === 'object_property')
    .flatMap((prop) => {
      const keyNode = prop.namedChildren[0];
      if (!keyNode || keyNode.type === 'resource_declaration') return [];
      const key = keyNode.type === 'identifier' ? keyNode.text : stringValue(keyNode);
      return [{ key, keyNode, value: prop.namedChildren.at(-1)! }];
    });
  const matching = discriminate(objects, entries, isResource);
  const open = matching.some((a) => !a.schema.properties || Object.keys(a.schema.properties).length === 0 || a.schema.additionalProperties);
  for (const { key, keyNode, value } of entries) {
    if (key === undefined) continue; // an interpolated key: only a map (additionalProperties) takes one
    if (isResource && BICEP_RESOURCE_KEYS.has(key)) continue;
    const declared = matching.flatMap((a) => {
      const schema = a.schema.properties?.[key];
      return schema ? alternatives({ schema, file: a.file }) : [];
    });
    const known = matching.some((a) => a.schema.properties?.[key]);
    if (known) checkValue(value, declared, join(path, key), ctx);
    else if (open) {
      const maps = matching.flatMap((a) =>
        typeof a.schema.additionalProperties === 'object' ? alternatives({ schema: a.schema.additionalProperties, file: a.file }) : [],
      );
      checkValue(value, maps, join(path, key), ctx);
    } else {
      const sameButCase = matching
        .flatMap((a) => Object.keys(a.schema.properties ?? {}))
        .find((p) => p.toLowerCase() === key.toLowerCase());
      const hint = sameButCase ? ` (the schema writes '${sameButCase}')` : '';
      ctx.found.push(finding(ctx.file, keyNode, `resource ${ctx.resource}: ${join(path, key)} is not a property in the schema${hint}`));
    }
  }
  const present = new Set(entries.map((e) => e.key));
  const required = matching
    .map((a) => new Set((a.schema.required ?? []).filter((r) => !(isResource && IMPLICIT_REQUIRED.has(r)))))
    .reduce((a, b) => new Set([...a].filter((r) => b.has(r))));
  for (const key of required) {
    if (!present.has(key))
      ctx.found.push(finding(ctx.file, node, `resource ${ctx.resource}: ${join(path, key)} is required by the schema and missing`));
  }
}

/**
 * Keeps the alternatives whose fixed-value properties (an enum or a pattern: `kind`, the name of a `sites/config`…)
 * accept the literal values the object has; all of them when none fits, so that the key checks stay lenient.
 */
function discriminate(objects: Located[], entries: { key?: string; value: Node }[], isResource: boolean): Located[] {
  if (objects.length < 2) return objects;
  const fits = (a: Located) =>
    entries.every(({ key, value }) => {
      const literal = key ? stringValue(value) : undefined;
      const schema = key ? a.schema.properties?.[key] : undefined;
      if (literal === undefined || !schema) return true;
      const fixed = alternatives({ schema, file: a.file }).filter((s: Located) => s.schema.enum || s.schema.pattern);
      if (fixed.length === 0) return true;
      // A child resource's ARM name is `parent/child`; Bicep writes only `child`.
      const candidates = isResource && key === 'name' ? [literal, `parent/${literal}`] : [literal];
      return fixed.some(({ schema: s }: { schema: Schema }) =>
        candidates.some((c) => (s.enum ? s.enum.includes(c) : new RegExp(s.pattern!).test(c))),
      );
    });
  const kept = objects.filter(fits);
  return kept.length ? kept : objects;
}
