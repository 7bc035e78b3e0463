import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * Offline reading of Bicep with tree-sitter-bicep's wasm grammar: parse, list declarations, and evaluate the
 * constant part of an expression. What depends on a deployment (params, outputs of other resources) stays
 * symbolic as its source text, so checks can still name it.
 */
export type BicepFile = { path: string; source: string; tree: Tree };
export type Finding = { file: string; line: number; message: string };

export type Declaration = {
  kind: 'param' | 'var' | 'resource' | 'module' | 'output';
  name: string;
  file: BicepFile;
  node: Node;
  /** Resource type without the API version, or the module path. */
  target?: string;
  existing?: boolean;
  /** The `{ … }` body of a resource or module, also inside `if (…)` or `[for …: …]`. */
  body?: Node;
  /** Initializer of a var, default of a param, value of an output. */
  value?: Node;
  decorators: string[];
};

let parser: Promise<Parser> | undefined;

function bicepParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
    const language = await Language.load(wasm);
    const instance = new Parser();
    instance.setLanguage(language);
    return instance;
  })();
  return parser;
}

export async function parseBicep(filePath: string, source: string): Promise<BicepFile> {
  // tree-sitter-bicep 1.1 predates the `extension` keyword (Bicep's former `provider`, same grammar): read it as
  // that, same length, so every line and column stays where it is.
  const tree = (await bicepParser()).parse(source.replace(/^extension '/gm, "provider  '"));
  if (!tree) throw new Error(`tree-sitter could not parse ${filePath}`);
  return { path: filePath, source, tree };
}

/** Every `.bicep` file under `dir`, parsed; paths relative to the working directory. */
export async function loadBicepFiles(dir: string): Promise<BicepFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bicep'))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)))
    .sort();
  return Promise.all(paths.map(async (file) => parseBicep(file, await readFile(file, 'utf8'))));
}

export function finding(file: BicepFile, node: Node, message: string): Finding {
  return { file: file.path, line: node.startPosition.row + 1, message };
}

/** ERROR and MISSING nodes: what the grammar could not read. */
export function syntaxErrors(file: BicepFile): Finding[] {
  const found: Finding[] = [];
  const visit = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      const what = node.isMissing ? `missing ${node.type}` : `cannot read "${node.text.slice(0, 60).replace(/\s+/g, ' ')}"`;
      found.push(finding(file, node, `syntax error: ${what}`));
      return;
    }
    node.children.forEach((child) => child && visit(child));
  };
  visit(file.tree.rootNode);
  return found;
}

const declarationKinds: Record<string, Declaration['kind']> = {
  parameter_declaration: 'param',
  variable_declaration: 'var',
  resource_declaration: 'resource',
  module_declaration: 'module',
  output_declaration: 'output',
};

/** Top-level declarations of a file, with their decorators (`@secure()` …) and bodies. */
export function declarations(file: BicepFile): Declaration[] {
  const result: Declaration[] = [];
  let decorators: string[] = [];
  for (const node of file.tree.rootNode.namedChildren) {
    if (!node) continue;
    if (node.type === 'decorators') {
      decorators = node.namedChildren.map((decorator) => decorator?.text ?? '');
      continue;
    }
    const kind = declarationKinds[node.type];
    if (!kind) {
      if (node.type !== 'comment' && node.type !== 'diagnostic_comment') decorators = [];
      continue;
    }
    const named = node.namedChildren.filter((child): child is Node => child !== null);
    const name = named[0]?.text ?? '';
    const declaration: Declaration = { kind, name, file, node, decorators };
    if (kind === 'resource' || kind === 'module') {
      declaration.target = stringValue(named[1])?.split('@')[0];
      declaration.existing = node.children.some((child) => child?.type === 'existing');
      declaration.body = bodyOf(named[2]);
    } else {
      declaration.value = named.at(-1);
    }
    result.push(declaration);
    decorators = [];
  }
  return result;
}

function bodyOf(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === 'object') return node;
  if (node.type === 'if_statement' || node.type === 'for_statement') {
    return node.namedChildren.findLast((child) => child?.type === 'object') ?? undefined;
  }
  return undefined;
}

/** The value node of `a.b.c` inside an object literal, or undefined. */
export function property(object: Node | undefined, dottedPath: string): Node | undefined {
  let current = object;
  for (const key of dottedPath.split('.')) {
    if (!current || current.type !== 'object') return undefined;
    const match = current.namedChildren.find((prop) => prop?.type === 'object_property' && keyOf(prop) === key);
    current = match?.namedChildren.at(-1) ?? undefined;
  }
  return current;
}

export function objectEntries(object: Node): { key: string; value: Node; node: Node }[] {
  return object.namedChildren
    .filter((prop): prop is Node => prop?.type === 'object_property')
    .map((prop) => ({ key: keyOf(prop), value: prop.namedChildren.at(-1)!, node: prop }));
}

function keyOf(prop: Node): string {
  const key = prop.namedChildren[0];
  return key?.type === 'string' ? (stringValue(key) ?? key.text) : (key?.text ?? '');
}

/** A string literal without interpolation, as its text; undefined otherwise. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string' || node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  const quoted = node.text;
  const body = quoted.startsWith("'''") ? quoted.slice(3, -3) : quoted.slice(1, -1);
  return body.replace(/\\(['\\$])/g, '$1').replace(/\\n/g, '\n');
}

/** Something only a deployment knows (a param, another resource's property): kept as its source text. */
export class Symbolic {
  constructor(readonly text: string) {}
}
export type Value = string | number | boolean | null | Symbolic | Value[] | { [key: string]: Value };

/**
 * Evaluates literals, vars, member access and the few functions the checks need (role definition ids,
 * `union`); params and everything else stay `Symbolic`.
 */
export function evaluate(node: Node | null | undefined, file: BicepFile, depth = 0): Value {
  if (!node || depth > 20) return new Symbolic(node?.text ?? '');
  switch (node.type) {
    case 'string':
      return stringValue(node) ?? new Symbolic(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'number':
      return Number(node.text);
    case 'null':
      return null;
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0], file, depth + 1);
    case 'array':
      return node.namedChildren.filter((child): child is Node => child !== null).map((child) => evaluate(child, file, depth + 1));
    case 'object':
      return Object.fromEntries(objectEntries(node).map(({ key, value }) => [key, evaluate(value, file, depth + 1)]));
    case 'identifier': {
      const variable = declarations(file).find((d) => d.kind === 'var' && d.name === node.text);
      return variable ? evaluate(variable.value, file, depth + 1) : new Symbolic(node.text);
    }
    case 'member_expression': {
      const object = evaluate(node.childForFieldName('object'), file, depth + 1);
      const key = node.childForFieldName('property')?.text ?? '';
      if (object && typeof object === 'object' && !Array.isArray(object) && !(object instanceof Symbolic) && key in object)
        return object[key]!;
      return new Symbolic(node.text);
    }
    case 'call_expression':
      return evaluateCall(node, file, depth);
    default:
      return new Symbolic(node.text);
  }
}

function evaluateCall(node: Node, file: BicepFile, depth: number): Value {
  const name = node.childForFieldName('function')?.text;
  const args = (node.namedChildren.find((child) => child?.type === 'arguments')?.namedChildren ?? []).filter(
    (arg): arg is Node => arg !== null,
  );
  const values = args.map((arg) => evaluate(arg, file, depth + 1));
  if (
    (name === 'subscriptionResourceId' || name === 'resourceId' || name === 'tenantResourceId') &&
    values.every((v) => typeof v === 'string')
  ) {
    return `/providers/${(values as string[]).join('/')}`;
  }
  if (name === 'union' && values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Symbolic))) {
    return Object.assign({}, ...values);
  }
  return new Symbolic(node.text);
}

/** Every node under `node`, itself included. */
export function descendants(node: Node): Node[] {
  const all: Node[] = [node];
  for (const child of node.namedChildren) if (child) all.push(...descendants(child));
  return all;
}
