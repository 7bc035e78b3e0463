import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { armType, azureDefinitions, VENDOR_DIR, type ArmTemplate, type ArmType } from './azure-definitions';
import { evaluate, finding, property, stringValue, type BicepFile, type Finding } from './bicep';
import { declarationsOf } from './bicep-schema';

/**
 * Every module call's `params` against what the module declares. An AVM module (`br/public:avm/...:<version>`) is read
 * from that version's compiled main.json (tests/infra/vendor): each param must exist, the required ones (no default,
 * not nullable) must be present, a literal string must be one of `allowedValues`, and an object literal's keys must be
 * properties of the param's type (user-defined types in `definitions`, `discriminator` mappings followed; closed
 * unless the type has `additionalProperties`), with the type's non-nullable properties present. A local module
 * (`app/*.bicep`) is read from its own `param` declarations: names, required ones, `@allowed` values. Expressions are
 * skipped, as in bicep-schema.ts.
 */

/** What a module body may hold besides comments. */
const MODULE_KEYS = new Set(['name', 'scope', 'params', 'dependsOn']);

const bodyKeys = (body: Node) =>
  body.namedChildren.flatMap((prop) => (prop?.type === 'object_property' && prop.namedChildren[0] ? [prop.namedChildren[0]] : []));

type Context = { file: BicepFile; module: string; template: ArmTemplate; found: Finding[] };

export function checkModuleParams(files: BicepFile[]): Finding[] {
  const found: Finding[] = [];
  for (const file of files) {
    for (const d of declarationsOf(file)) {
      if (d.kind !== 'module' || !d.target || !d.body) continue;
      for (const key of bodyKeys(d.body).filter((k) => !MODULE_KEYS.has(k.text)))
        found.push(finding(file, key, `module ${d.name}: ${key.text} is not a module property (${[...MODULE_KEYS].join(', ')})`));
      const params = property(d.body, 'params');
      if (params && params.type !== 'object') continue; // params from an expression: not checkable offline
      const avm = /^br\/public:(avm\/.+:.+)$/.exec(d.target)?.[1];
      const module = `${d.name} (${avm ?? d.target})`;
      if (avm) {
        const template = azureDefinitions().modules.get(avm);
        if (!template) {
          found.push(
            finding(file, d.node, `module ${module}: not among the vendored AVM modules (${VENDOR_DIR}; scripts/vendor-azure-schemas.ts)`),
          );
          continue;
        }
        const ctx = { file, module, template, found };
        checkObject(params, d.node, { type: 'object', properties: template.parameters ?? {} }, 'params', ctx);
      } else if (!d.target.includes(':')) {
        const target = files.find((f) => f.path === path.join(path.dirname(file.path), d.target!));
        if (!target) found.push(finding(file, d.node, `module ${module}: ${d.target} is not among the files read`));
        else checkLocal(params, d.node, target, { file, module, template: {}, found });
      }
    }
  }
  return found;
}

/** A local module's params, from its `param` declarations, as an ARM object type. */
function localParams(target: BicepFile): Record<string, ArmType> {
  const params: Record<string, ArmType> = {};
  for (const d of declarationsOf(target).filter((x) => x.kind === 'param')) {
    const named = d.node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    const nullable = named[1]?.namedChildren.some((n) => n?.type === 'nullable_type') ?? false;
    let before = d.node.previousNamedSibling;
    while (before?.type === 'comment') before = before.previousNamedSibling;
    const decorator = before?.type === 'decorators' ? before.namedChildren.find((n) => n?.text.startsWith('@allowed(')) : undefined;
    const allowedNode = decorator?.descendantsOfType('array')[0];
    const allowed = allowedNode ? evaluate(allowedNode, target) : undefined;
    params[d.name] = {
      nullable,
      ...(named.length > 2 ? { defaultValue: true } : {}),
      ...(Array.isArray(allowed) && allowed.every((v) => typeof v === 'string') ? { allowedValues: allowed } : {}),
    };
  }
  return params;
}

function checkLocal(params: Node | undefined, at: Node, target: BicepFile, ctx: Context): void {
  checkObject(params, at, { type: 'object', properties: localParams(target) }, 'params', ctx);
}

const join = (p: string, key: string) => `${p}.${key}`;

function followVar(node: Node, file: BicepFile): Node {
  if (node.type !== 'identifier') return node;
  const variable = declarationsOf(file).find((d) => d.kind === 'var' && d.name === node.text);
  return variable?.value && (variable.value.type === 'object' || variable.value.type === 'array') ? variable.value : node;
}

const armKinds: Record<string, string> = {
  string: 'string',
  securestring: 'string',
  int: 'integer',
  bool: 'boolean',
  object: 'object',
  secureobject: 'object',
  array: 'array',
};

function literalKind(node: Node): string | undefined {
  if (node.type === 'object') return 'object';
  if (node.type === 'array' || node.type === 'for_statement') return 'array';
  if (node.type === 'string') return stringValue(node) === undefined ? undefined : 'string';
  if (node.type === 'number') return 'integer';
  if (node.type === 'boolean') return 'boolean';
  return undefined;
}

function checkValue(raw: Node, declared: ArmType, p: string, ctx: Context): void {
  const type = armType(declared, ctx.template);
  const node = followVar(raw, ctx.file);
  const kind = literalKind(node);
  if (!kind) return;
  const wanted = type.type ? armKinds[type.type.toLowerCase()] : undefined;
  if (wanted && wanted !== kind) {
    ctx.found.push(finding(ctx.file, node, `module ${ctx.module}: ${p} is a ${kind}, the module declares ${type.type}`));
    return;
  }
  const allowed = type.allowedValues;
  if (kind === 'string' && allowed && !allowed.includes(stringValue(node))) {
    const list = allowed.map((v) => `'${String(v)}'`).join(', ');
    ctx.found.push(finding(ctx.file, node, `module ${ctx.module}: ${p} is ${node.text}, not one of the allowed values ${list}`));
  }
  if (kind === 'array') {
    const elements = node.type === 'for_statement' ? [node.namedChildren.findLast((n) => n?.type === 'object')] : node.namedChildren;
    for (const element of elements) {
      if (!element || element.type === 'comment') continue;
      const value = stringValue(element);
      if (allowed && value !== undefined && !allowed.includes(value))
        ctx.found.push(finding(ctx.file, element, `module ${ctx.module}: ${p}[] has '${value}', not one of the allowed values`));
      if (typeof type.items === 'object') checkValue(element, type.items, `${p}[]`, ctx);
    }
  }
  if (kind === 'object') checkObject(node, node, type, p, ctx);
}

function checkObject(node: Node | undefined, at: Node, declared: ArmType, p: string, ctx: Context): void {
  let type = declared;
  const entries = (node?.namedChildren ?? [])
    .filter((prop): prop is Node => prop?.type === 'object_property')
    .map((prop) => {
      const keyNode = prop.namedChildren[0]!;
      return { key: keyNode.type === 'identifier' ? keyNode.text : stringValue(keyNode), keyNode, value: prop.namedChildren.at(-1)! };
    });
  if (type.discriminator) {
    const { propertyName, mapping } = type.discriminator;
    const tagNode = entries.find((e) => e.key === propertyName)?.value;
    const tag = tagNode ? stringValue(tagNode) : undefined;
    if (tag === undefined) return; // the variant depends on an expression
    const variant = mapping[tag];
    if (!variant) {
      ctx.found.push(
        finding(
          ctx.file,
          tagNode!,
          `module ${ctx.module}: ${join(p, propertyName)} is '${tag}', not one of ${Object.keys(mapping).join(', ')}`,
        ),
      );
      return;
    }
    const resolved = armType(variant, ctx.template);
    type = { ...resolved, properties: { ...type.properties, ...resolved.properties } };
  }
  if (!type.properties) {
    if (typeof type.additionalProperties === 'object')
      for (const e of entries) if (e.key) checkValue(e.value, type.additionalProperties, join(p, e.key), ctx);
    return;
  }
  for (const { key, keyNode, value } of entries) {
    if (key === undefined) continue;
    const declaredProperty = type.properties[key];
    if (declaredProperty) checkValue(value, declaredProperty, join(p, key), ctx);
    else if (typeof type.additionalProperties === 'object') checkValue(value, type.additionalProperties, join(p, key), ctx);
    else if (!type.additionalProperties)
      ctx.found.push(finding(ctx.file, keyNode, `module ${ctx.module}: ${join(p, key)} is not declared by the module`));
  }
  const present = new Set(entries.map((e) => e.key));
  for (const [key, prop] of Object.entries(type.properties)) {
    const resolved = armType(prop, ctx.template);
    if (!present.has(key) && !resolved.nullable && resolved.defaultValue === undefined)
      ctx.found.push(finding(ctx.file, node ?? at, `module ${ctx.module}: ${join(p, key)} is required by the module and missing`));
  }
}
