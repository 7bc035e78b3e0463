import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Azure definitions copied into tests/infra/vendor (scripts/vendor-azure-schemas.ts), read once per process:
 * the JSON schema of each resource type and API version (Azure/azure-resource-manager-schemas), indexed by
 * `type@version` from the files themselves, and each AVM module's compiled main.json (Azure/bicep-registry-modules).
 */
export const VENDOR_DIR = 'tests/infra/vendor';
const SCHEMAS_DIR = path.join(VENDOR_DIR, 'azure-resource-manager-schemas', 'schemas');
const MODULES_DIR = path.join(VENDOR_DIR, 'bicep-registry-modules');
const GRAPH_DIR = path.join(VENDOR_DIR, 'msgraph-bicep-types');

/** The parts of JSON schema draft-04 the ARM schema files use. */
export type Schema = {
  $ref?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
};

/** A schema and the vendored file its `#/…` references point into. */
export type Located = { schema: Schema; file: string };

/** The parts of an ARM template (languageVersion 2.0) type that a parameter or a user-defined type uses. */
export type ArmType = {
  $ref?: string;
  type?: string;
  allowedValues?: unknown[];
  nullable?: boolean;
  defaultValue?: unknown;
  properties?: Record<string, ArmType>;
  additionalProperties?: boolean | ArmType;
  items?: ArmType | boolean;
  discriminator?: { propertyName: string; mapping: Record<string, ArmType> };
};
export type ArmTemplate = { parameters?: Record<string, ArmType>; definitions?: Record<string, ArmType> };

type Definitions = {
  /** vendored path (relative to the schemas folder) → parsed file */
  files: Map<string, Record<string, any>>;
  /** `type@version`, lower case → the resource's schema (any deployment scope) */
  resources: Map<string, Located>;
  /** `avm/res/<path>:<version>` → main.json */
  modules: Map<string, ArmTemplate>;
};

let loaded: Definitions | undefined;

const jsonFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name));

// Resource groups first: a type defined at several scopes has the same body; the resource-group one is the usual.
const scopeOrder = (key: string) => (key === 'resourceDefinitions' ? 0 : 1);

export function azureDefinitions(): Definitions {
  if (loaded) return loaded;
  const definitions: Definitions = { files: new Map(), resources: new Map(), modules: new Map() };
  for (const full of jsonFiles(SCHEMAS_DIR)) {
    const file = path.relative(SCHEMAS_DIR, full).split(path.sep).join('/');
    const json = JSON.parse(readFileSync(full, 'utf8')) as Record<string, any>;
    definitions.files.set(file, json);
    const groups = Object.keys(json)
      .filter((key) => key.endsWith('resourceDefinitions'))
      .sort((a, b) => scopeOrder(a) - scopeOrder(b));
    for (const group of groups) {
      for (const [name, schema] of Object.entries(json[group] as Record<string, Schema>)) {
        const type = schema.properties?.type?.enum?.[0] ?? schema.oneOf?.[0]?.properties?.type?.enum?.[0];
        const version = schema.properties?.apiVersion?.enum?.[0] ?? file.split('/')[0];
        const key = `${String(type)}@${String(version)}`.toLowerCase();
        if (type && !definitions.resources.has(key)) definitions.resources.set(key, { schema: json[group][name], file });
      }
    }
  }
  for (const full of jsonFiles(GRAPH_DIR)) {
    // Microsoft Graph extension types (microsoftgraph/msgraph-bicep-types), in Bicep's own type format: read as
    // schemas, so that the same walker checks them. Keyed under the folder name so `#/N` references resolve.
    const file = `msgraph/${path.relative(GRAPH_DIR, full).split(path.sep).join('/')}`;
    const types = (JSON.parse(readFileSync(full, 'utf8')) as BicepType[]).map(fromBicepType);
    definitions.files.set(file, types as unknown as Record<string, any>);
    for (const type of JSON.parse(readFileSync(full, 'utf8')) as BicepType[]) {
      if (type.$type === 'ResourceType' && type.name && type.body) {
        definitions.resources.set(type.name.toLowerCase(), { schema: { $ref: type.body.$ref }, file });
      }
    }
  }
  for (const full of jsonFiles(MODULES_DIR)) {
    const parts = path.relative(MODULES_DIR, full).split(path.sep);
    const version = parts.at(-2)!;
    definitions.modules.set(`${parts.slice(0, -2).join('/')}:${version}`, JSON.parse(readFileSync(full, 'utf8')) as ArmTemplate);
  }
  loaded = definitions;
  return definitions;
}

const EXPRESSION = 'common/definitions.json#/definitions/expression';

/**
 * The concrete alternatives a schema allows, with `$ref`, `oneOf`/`anyOf` and `allOf` resolved; the ARM-expression
 * alternative (`[…]` strings) is left out, since Bicep writes expressions as expressions, not strings.
 */
export function alternatives(at: Located, depth = 0): Located[] {
  const { schema, file } = at;
  if (depth > 40) return [];
  if (schema.$ref) {
    if (schema.$ref.endsWith(EXPRESSION)) return [];
    return alternatives(resolve(schema.$ref, file), depth + 1);
  }
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return choices.flatMap((choice) => alternatives({ schema: choice, file }, depth + 1));
  if (schema.allOf) {
    const own: Schema = { ...schema, allOf: undefined };
    const parts = schema.allOf.map((part) => alternatives({ schema: part, file }, depth + 1)[0]?.schema ?? {});
    return [{ schema: [own, ...parts].reduce(merge), file }];
  }
  return [at];
}

function merge(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: [...(a.required ?? []), ...(b.required ?? [])],
    type: a.type ?? b.type,
  };
}

function resolve(ref: string, from: string): Located {
  const [target, pointer = ''] = ref.split('#');
  let file = from;
  if (target) {
    const match = /\/schemas\/(.+)$/.exec(target);
    file = match ? match[1]! : path.posix.join(path.posix.dirname(from), target);
  }
  const json = azureDefinitions().files.get(file);
  if (!json) throw new Error(`${from}: $ref ${ref} points to ${file}, which is not vendored (run scripts/vendor-azure-schemas.ts)`);
  let node: any = json;
  for (const segment of pointer.split('/').filter(Boolean))
    node = node?.[decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node) throw new Error(`${from}: $ref ${ref} does not resolve`);
  return { schema: node as Schema, file };
}

/** A parameter's or property's type in an ARM template, `#/definitions/…` followed. */
export function armType(type: ArmType, template: ArmTemplate, depth = 0): ArmType {
  if (!type.$ref || depth > 20) return type;
  const name = decodeURIComponent(type.$ref.replace('#/definitions/', ''));
  const target = template.definitions?.[name];
  if (!target) throw new Error(`ARM template: ${type.$ref} is not in its definitions`);
  // The reference's own fields (nullable, metadata…) apply on top of the definition.
  return { ...armType(target, template, depth + 1), ...type, $ref: undefined };
}

type Ref = { $ref: string };
type BicepType = {
  $type: string;
  name?: string;
  body?: Ref;
  value?: string;
  itemType?: Ref;
  elements?: Ref[];
  properties?: Record<string, { type: Ref; flags: number }>;
  additionalProperties?: Ref;
};

/** One entry of a Bicep types.json as the schema shape above; `#/N` references stay as they are. */
function fromBicepType(type: BicepType): Schema {
  switch (type.$type) {
    case 'ObjectType': {
      const properties = Object.entries(type.properties ?? {});
      return {
        type: 'object',
        properties: Object.fromEntries(properties.map(([key, p]) => [key, { $ref: p.type.$ref }])),
        // Flag 1 is Required (Azure/bicep-types, TypePropertyFlags).
        required: properties.filter(([, p]) => (p.flags & 1) !== 0).map(([key]) => key),
        ...(type.additionalProperties ? { additionalProperties: { $ref: type.additionalProperties.$ref } } : {}),
      };
    }
    case 'ArrayType':
      return { type: 'array', items: { $ref: type.itemType!.$ref } };
    case 'UnionType':
      return { oneOf: (type.elements ?? []).map((e) => ({ $ref: e.$ref })) };
    case 'StringLiteralType':
      return { type: 'string', enum: [type.value] };
    case 'StringType':
      return { type: 'string' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'IntegerType':
      return { type: 'integer' };
    default:
      return {};
  }
}
