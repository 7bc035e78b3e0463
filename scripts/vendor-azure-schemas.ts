/**
 * Copies into tests/infra/vendor/ the Azure definitions the offline Bicep checks read (tests/support/bicep-schema.ts):
 * from Azure/azure-resource-manager-schemas the provider schema file of every `resource '<type>@<version>'` in infra/
 * (plus EXTRA_RESOURCE_TYPES, for types about to be added) and the common definitions they point to; from
 * Azure/bicep-registry-modules the compiled main.json of every `br/public:avm/...:<version>` module, taken at the
 * module's own tag. Files are copied verbatim; README.md lists each with its source commit.
 *
 * From microsoftgraph/msgraph-bicep-types, the types.json of each Microsoft Graph extension version infra/ declares.
 *
 *   npx tsx scripts/vendor-azure-schemas.ts <azure-resource-manager-schemas git dir> <bicep-registry-modules git dir> \
 *     <msgraph-bicep-types git dir>
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain } from './run-main';

/** Types the templates do not use yet but will soon (Front Door, alerts, diagnostics, storage children). */
const EXTRA_RESOURCE_TYPES = [
  ...[
    'profiles',
    'profiles/afdEndpoints',
    'profiles/afdEndpoints/routes',
    'profiles/originGroups',
    'profiles/originGroups/origins',
    'profiles/customDomains',
    'profiles/securityPolicies',
    'profiles/ruleSets',
    'profiles/ruleSets/rules',
  ].flatMap((t) => [`Microsoft.Cdn/${t}@2024-02-01`, `Microsoft.Cdn/${t}@2025-04-15`]),
  'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01',
  'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2025-03-01',
  'Microsoft.Insights/actionGroups@2023-01-01',
  'Microsoft.Insights/scheduledQueryRules@2023-12-01',
  'Microsoft.Insights/metricAlerts@2018-03-01',
  'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
  'Microsoft.Authorization/roleAssignments@2022-04-01',
  'Microsoft.Authorization/roleDefinitions@2022-04-01',
  'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01',
  ...[
    'blobServices',
    'blobServices/containers',
    'blobServices/containers/immutabilityPolicies',
    'tableServices',
    'tableServices/tables',
    'queueServices',
    'queueServices/queues',
    'managementPolicies',
  ].map((t) => `Microsoft.Storage/storageAccounts/${t}@2023-05-01`),
  'Microsoft.Web/sites/config@2024-04-01',
  'Microsoft.Web/staticSites@2024-04-01',
];

/** AVM modules to vendor besides those infra/ already calls (`avm/res/<path>:<version>`). */
const EXTRA_AVM_MODULES: string[] = [];

const VENDOR = 'tests/infra/vendor';
const SCHEMAS_REPO = 'Azure/azure-resource-manager-schemas';
const MODULES_REPO = 'Azure/bicep-registry-modules';
const GRAPH_REPO = 'microsoftgraph/msgraph-bicep-types';

const git = (gitDir: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

function bicepSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bicep'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

/** `<type>@<version>` of every resource in infra/, nested ones (`resource x 'child@v'` inside a parent) joined to their parent. */
function resourceTypesInInfra(sources: string[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    const stack: { type: string; version: string; depth: number }[] = [];
    let depth = 0;
    for (const line of source.split('\n')) {
      // A nested resource may write its type as one segment and leave out the version (the parent's is used).
      const match = /^\s*resource\s+\w+\s+'([^'@]+)(?:@([^']+))?'/.exec(line);
      while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
      const parent = stack.at(-1);
      if (match) {
        const nested = parent && !match[1]!.split('/')[0]!.includes('.');
        const type = nested ? `${parent.type}/${match[1]}` : match[1]!;
        const version = match[2] ?? parent?.version ?? '';
        found.push(`${type}@${version}`);
        stack.push({ type, version, depth });
      }
      depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    }
  }
  // Microsoft.Graph is a Bicep extension, not an ARM provider: its types come from msgraph-bicep-types.
  return found.filter((t) => !t.startsWith('Microsoft.Graph/'));
}

/** `<v1.0|beta>/<version>` of every `extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/…'`. */
function graphExtensionsInInfra(sources: string[]): string[] {
  return sources.flatMap((source) =>
    [...source.matchAll(/^extension 'br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/([^:']+):([^']+)'/gm)].map(
      (m) => `${m[1]}/${m[2]}`,
    ),
  );
}

function avmModulesInInfra(sources: string[]): string[] {
  return sources.flatMap((source) => [...source.matchAll(/'br\/public:(avm\/[^':]+):([^']+)'/g)].map((m) => `${m[1]}:${m[2]}`));
}

/** The provider file of `schemas/<version>/` that defines the type, at any deployment scope. */
function schemaFileFor(gitDir: string, typeAtVersion: string): string {
  const [type, version] = typeAtVersion.split('@') as [string, string];
  const namespace = type.split('/')[0]!;
  const candidates = git(gitDir, 'ls-tree', '--name-only', 'HEAD', `schemas/${version}/`)
    .split('\n')
    .filter((file) => path.basename(file).toLowerCase().startsWith(`${namespace.toLowerCase()}.`));
  for (const file of candidates) {
    const schema = JSON.parse(git(gitDir, 'show', `HEAD:${file}`)) as Record<string, unknown>;
    const defines = Object.entries(schema)
      .filter(([key]) => key.endsWith('resourceDefinitions'))
      .some(([, defs]) => JSON.stringify(defs).includes(`"enum":["${type}"]`));
    if (defines) return file;
  }
  throw new Error(`${typeAtVersion}: no file in ${SCHEMAS_REPO}/schemas/${version}/ defines it`);
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

async function main(): Promise<number> {
  const [schemasGit, modulesGit, graphGit] = process.argv.slice(2);
  if (!schemasGit || !modulesGit || !graphGit) {
    console.error(
      'uso: npx tsx scripts/vendor-azure-schemas.ts <git dir de azure-resource-manager-schemas> <git dir de bicep-registry-modules> <git dir de msgraph-bicep-types>',
    );
    return 2;
  }
  const sources = bicepSources('infra');
  const types = [...new Set([...resourceTypesInInfra(sources), ...EXTRA_RESOURCE_TYPES])].sort();
  const schemaFiles = [...new Set([...types.map((t) => schemaFileFor(schemasGit, t)), 'schemas/common/definitions.json'])].sort();
  const rows: string[] = [];
  /** Copies one file verbatim and lists it with its git blob id (tests/infra/vendor-integrity.test.ts recomputes it). */
  const copy = (repo: string, gitDir: string, commit: string, source: string, copyPath: string) => {
    const destination = `${repo.split('/')[1]}/${copyPath}`;
    write(path.join(VENDOR, destination), git(gitDir, 'show', `${commit}:${source}`));
    const blob = git(gitDir, 'rev-parse', `${commit}:${source}`).trim();
    rows.push(`| ${repo} | \`${commit}\` | \`${source}\` | \`${destination}\` | \`${blob}\` |`);
  };

  const schemasCommit = git(schemasGit, 'rev-parse', 'HEAD').trim();
  for (const file of schemaFiles) copy(SCHEMAS_REPO, schemasGit, schemasCommit, file, file);
  copy(SCHEMAS_REPO, schemasGit, schemasCommit, 'LICENSE', 'LICENSE');

  const modules = [...new Set([...avmModulesInInfra(sources), ...EXTRA_AVM_MODULES])].sort();
  for (const module of modules) {
    const [modulePath, version] = module.split(':') as [string, string];
    // Each AVM module version is a git tag `<module path>/<version>`.
    const commit = git(modulesGit, 'rev-parse', `${modulePath}/${version}^{commit}`).trim();
    copy(MODULES_REPO, modulesGit, commit, `${modulePath}/main.json`, `${modulePath}/${version}/main.json`);
  }
  copy(MODULES_REPO, modulesGit, git(modulesGit, 'rev-parse', 'HEAD').trim(), 'LICENSE', 'LICENSE');

  const graphHead = git(graphGit, 'rev-parse', 'HEAD').trim();
  const extensions = [...new Set(graphExtensionsInInfra(sources))].sort();
  for (const extension of extensions) {
    copy(GRAPH_REPO, graphGit, graphHead, `generated/microsoftgraph/microsoft.graph/${extension}/types.json`, `${extension}/types.json`);
  }
  copy(GRAPH_REPO, graphGit, graphHead, 'LICENSE', 'LICENSE');

  const readme = [
    '# Definiciones de Azure copiadas (vendored)',
    '',
    'Copias literales (sin cambios) de archivos públicos de Microsoft, para revisar la infraestructura sin compilador de Bicep',
    'ni suscripción (tests/support/bicep-schema.ts). Los tres repositorios tienen licencia MIT: ver `LICENSE` en cada carpeta.',
    'Se regeneran con `npx tsx scripts/vendor-azure-schemas.ts <git dir de azure-resource-manager-schemas> <git dir de bicep-registry-modules> <git dir de msgraph-bicep-types>`.',
    '',
    'Tipos de recurso pedidos (`tipo@versión`); cada archivo de esquema trae además todos los tipos de su proveedor en esa',
    'versión (p. ej. todo `Microsoft.Web@2024-04-01`):',
    '',
    ...types.map((t) => `- \`${t}\``),
    '',
    `Módulos AVM: ${modules.map((m) => `\`${m}\``).join(', ')}.`,
    `Extensión Microsoft Graph de Bicep: ${extensions.map((e) => `\`${e}\``).join(', ')}.`,
    '',
    'La columna «Blob git» es el id del archivo en su repositorio (`git rev-parse <commit>:<origen>`); la prueba',
    'tests/infra/vendor-integrity.test.ts lo recalcula sobre la copia, de modo que una edición a mano no pasa.',
    '',
    '| Repositorio | Commit | Origen | Copia | Blob git |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  write(path.join(VENDOR, 'README.md'), readme);
  console.log(`${schemaFiles.length} esquemas y ${modules.length} módulos AVM copiados en ${VENDOR}`);
  return 0;
}

runMain(main);
