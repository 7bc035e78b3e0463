// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

const FEATURES = [
  'src/identity',
  'src/directory',
  'src/audit',
  'src/notifications',
  'src/accounts',
  'src/key-files',
  'src/requests',
  'src/search',
  'src/credentials',
  'src/officer-sso',
  'src/second-factor',
  'src/operations',
  'src/dashboard',
];
// The browser bundle may run the shared zod schemas and the pure modules they stand on (Colombian identifiers,
// zod's Spanish messages); everything else of src/ it may only name as a type.
const WEB_READS_SRC = { types: ['src'], files: ['src/**/*.schemas.ts', 'src/identity/**', 'src/kernel/zod-es*.ts'] };

/**
 * The layering: who may import whom. One row per folder or file; a row owns the files under it that no longer
 * row owns (functions/main.ts is not "functions"). Every path in a list stands for itself and all beneath it.
 *   imports: what the row may import, values or types (its own files always).
 *   types:   what it may import only with `import type` / `export type` (erased at build, so no run-time edge).
 *   files:   globs it may also import at run time from inside `types` (e.g. the schemas the browser shares).
 * tests/unit/lint-rules.test.ts checks that the rows form no cycle and that every folder has a row: with both,
 * a cycle between folders needs an import that the zones below forbid.
 * @type {Record<string, { imports: string[], types?: string[], files?: string[] }>}
 */
export const LAYERS = {
  'src/kernel': { imports: [] },
  'src/platform': { imports: ['src/kernel'] },
  'src/identity': { imports: ['src/kernel'] },
  'src/directory': { imports: ['src/identity', 'src/kernel', 'src/platform'] },
  'src/audit': { imports: ['src/kernel', 'src/platform'] },
  'src/notifications': { imports: ['src/identity', 'src/kernel', 'src/platform'] },
  'src/accounts': { imports: ['src/directory', 'src/audit', 'src/notifications', 'src/identity', 'src/kernel', 'src/platform'] },
  'src/second-factor': {
    imports: ['src/accounts', 'src/audit', 'src/notifications', 'src/identity', 'src/kernel', 'src/platform'],
    // The directory only as the type of what accounts' resolveHolder reads (the e-mail of a person whose factor was reset).
    types: ['src/directory'],
  },
  'src/key-files': { imports: ['src/identity', 'src/kernel', 'src/platform'] },
  'src/requests': {
    imports: [
      'src/key-files',
      'src/accounts',
      'src/directory',
      'src/audit',
      'src/notifications',
      'src/identity',
      'src/kernel',
      'src/platform',
    ],
  },
  // Operations probes (queues): what the alert rules of infra/app/monitoring.bicep read in the logs.
  'src/operations': { imports: ['src/kernel', 'src/platform'] },
  'src/search': { imports: ['src/key-files', 'src/directory', 'src/identity', 'src/kernel', 'src/platform'] },
  // The officials' Tablero: figures and CSV exports from a small aggregate kept by the queue worker.
  'src/dashboard': {
    imports: ['src/key-files', 'src/requests', 'src/directory', 'src/audit', 'src/identity', 'src/kernel', 'src/platform'],
  },
  'src/credentials': {
    imports: FEATURES.filter((f) => f !== 'src/credentials' && f !== 'src/officer-sso').concat('src/kernel', 'src/platform'),
  },
  // «Ingresar con cuenta institucional»: binds an Entra account to a directory official and starts the session.
  'src/officer-sso': { imports: ['src/accounts', 'src/directory', 'src/audit', 'src/identity', 'src/kernel', 'src/platform'] },
  // Adapters implement the features' ports; adapters-from-config.ts picks them from the configuration.
  'src/adapters': { imports: ['src/platform', 'src/kernel'], types: [...FEATURES, 'src/config'], files: ['src/**/*.port.ts'] },
  'src/http': { imports: ['src/accounts', 'src/platform', 'src/kernel'] },
  'src/config': { imports: ['src/kernel', 'src/identity'] },
  // The composition root's parts: wiring too long for one file (each a function the root calls).
  'src/composition': { imports: [...FEATURES, 'src/adapters', 'src/config', 'src/platform', 'src/kernel'] },
  'src/composition-root.ts': { imports: ['src'] },
  functions: { imports: ['src/http', ...FEATURES, 'src/kernel'], types: ['src/composition-root.ts'] },
  // The Azure entry point is the edge: it parses the configuration, builds the services and binds the functions.
  'functions/main.ts': {
    imports: [
      'functions',
      'src/platform/functions-runtime.ts',
      'src/config',
      'src/composition-root.ts',
      'src/http/function-definition.ts',
      'src/kernel/on-first-use.ts',
    ],
  },
  web: { imports: [] },
  'web/src': { imports: ['web/src/features', 'web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  'web/src/features/accounts': { imports: ['web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  'web/src/features/delegate': { imports: ['web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  'web/src/features/officer': { imports: ['web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  // «Ayuda», the site map and the entity's contact (GET /api/site).
  'web/src/features/help': { imports: ['web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  'web/src/features/directory': { imports: ['web/src/components', 'web/src/lib'], ...WEB_READS_SRC },
  'web/src/components': { imports: ['web/src/lib'], ...WEB_READS_SRC },
  'web/src/lib': { imports: [], ...WEB_READS_SRC },
  scripts: { imports: ['src', 'functions', 'web'] },
  tests: { imports: ['src', 'functions', 'scripts', 'web'] },
};

const SDKS = ['@azure/*', '@microsoft/*', 'nodemailer', 'nodemailer/*', 'openid-client', 'oidc-provider'];

const abs = (p) => path.join(ROOT, p);
/** A path and everything beneath it, as one minimatch glob (no-restricted-paths wants globs throughout). */
const under = (p) => `${abs(p)}{,/**}`;
/** Globs for the files of `base` outside the sub-paths `nested` (relative to base). */
function outside(base, nested) {
  const heads = [...new Set(nested.map((n) => n.split('/')[0]))];
  const globs = [`${abs(base)}/!(${heads.join('|')})`, `${abs(base)}/!(${heads.join('|')})/**`];
  for (const head of heads.filter((h) => !nested.includes(h))) {
    const deeper = nested.filter((n) => n.startsWith(`${head}/`)).map((n) => n.slice(head.length + 1));
    globs.push(...outside(`${base}/${head}`, deeper));
  }
  return globs;
}
/** The files a row owns: under its path, not under a longer row. */
function ownFiles(key) {
  const nested = Object.keys(LAYERS)
    .filter((k) => k.startsWith(`${key}/`))
    .map((k) => k.slice(key.length + 1));
  return nested.length === 0 ? [under(key)] : outside(key, nested);
}

const TREE = [...new Set(Object.keys(LAYERS).map((k) => k.split('/')[0]))].map((top) => `${abs(top)}/**`);
const rowZones = Object.entries(LAYERS).map(([key, row]) => ({
  target: ownFiles(key),
  from: TREE,
  except: [...ownFiles(key), ...[...row.imports, ...(row.types ?? [])].map(under)],
  message: `${key} may import only ${[...row.imports, ...(row.types ?? []).map((t) => `types of ${t}`)].join(', ') || 'itself'} (LAYERS in eslint.config.js).`,
}));
const runtimeZones = Object.entries(LAYERS)
  .filter(([, row]) => row.types?.length)
  .map(([key, row]) => ({
    target: ownFiles(key),
    from: row.types.map(under),
    except: (row.files ?? []).map(abs),
    message: `${key} takes ${row.types.join(', ')} as types only: write \`import type\`${row.files ? ` (run-time imports: ${row.files.join(', ')})` : ''}.`,
  }));

const restrictedPaths = importX.rules['no-restricted-paths'];
const typeOnly = (node) => node.parent?.importKind === 'type' || node.parent?.exportKind === 'type';
/** import-x's no-restricted-paths that lets `import type` / `export type` through (it has no such option). */
const noRestrictedRuntimePaths = {
  meta: { ...restrictedPaths.meta, docs: { description: 'no-restricted-paths for imports that survive type erasure' } },
  create: (context) => restrictedPaths.create(Object.create(context, { report: { value: (d) => typeOnly(d.node) || context.report(d) } })),
};

function sdkImports({ allow = [], typesOf = [] } = {}) {
  const message =
    'SDKs (@azure/*, @microsoft/*, nodemailer, openid-client, oidc-provider) are used only in src/platform and src/adapters, behind a port.';
  return [
    'error',
    {
      paths: typesOf.map((name) => ({ name, allowTypeImports: true, message })),
      patterns: [{ group: [...SDKS, ...[...allow, ...typesOf].map((n) => `!${n}`)], message }],
    },
  ];
}
const dynamicSdkImport = [
  'error',
  {
    selector: 'ImportExpression[source.value=/^(@azure\\/|@microsoft\\/|nodemailer($|\\/)|openid-client$|oidc-provider$)/]',
    message: 'SDKs are loaded only in src/platform and src/adapters.',
  },
];

export default defineConfig([
  globalIgnores(['**/dist/', '**/.data/', '**/coverage/', '**/test-results/', 'web/public/', 'infra/', '.azure/']),
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX, layering: { rules: { 'no-restricted-runtime-paths': noRestrictedRuntimePaths } } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: rowZones }],
      'layering/no-restricted-runtime-paths': ['error', { basePath: ROOT, zones: runtimeZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Input checks reject control characters on purpose (/[\u0000-\u001f]/); the rule guards against typos we do not make.
      'no-control-regex': 'off',
      // `_`-prefixed parameters and rest siblings are how the code says "deliberately unused".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Plain-JavaScript scripts run directly by Node (scripts/node22.mjs): Node's globals.
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // Tests poke at loosely typed HTTP bodies and SDK fakes; `any` there saves casts without hiding app bugs.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['src/**', 'functions/**'],
    rules: { 'no-restricted-imports': sdkImports(), 'no-restricted-syntax': dynamicSdkImport },
  },
  { files: ['src/http/**', 'functions/**'], rules: { 'no-restricted-imports': sdkImports({ typesOf: ['@azure/functions'] }) } },
  { files: ['src/platform/**', 'src/adapters/**'], rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } },
  prettier,
]);
