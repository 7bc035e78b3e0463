import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The lint rules that keep the layering (eslint.config.js) are themselves tested here: each one must reject a
// deliberate violation and let the matching allowed import through, so that a broken zone fails either way.

type Row = { imports: string[]; types?: string[]; files?: string[] };
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'eslint.config.js');
let LAYERS: Record<string, Row>;
let eslint: ESLint;
const created: string[] = [];

beforeAll(async () => {
  const configUrl = pathToFileURL(CONFIG).href;
  ({ LAYERS } = (await import(configUrl)) as { LAYERS: Record<string, Row> });
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: CONFIG });
});

afterAll(() => {
  for (const made of created.reverse()) rmSync(made, { recursive: true, force: true });
});

/** Lints `code` as if it were the file `file` (relative to the repository); returns "rule: message" lines. */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** A real file in `folder` (the zones only see imports that resolve), made for the test if the folder has none. */
function fileIn(folder: string, pattern = /\.tsx?$/): string {
  const dir = path.join(ROOT, folder);
  const found = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => pattern.test(f)) : undefined;
  if (found) return path.join(dir, found);
  if (!existsSync(dir)) {
    let top = dir;
    while (!existsSync(path.dirname(top))) top = path.dirname(top);
    mkdirSync(dir, { recursive: true });
    created.push(top);
  }
  const probe = path.join(dir, 'lint-probe.ts');
  writeFileSync(probe, 'export const probe = 1;\n');
  created.push(probe);
  return probe;
}

/** The import specifier from `file` to the absolute path `target`, as the code writes it (no extension). */
function spec(file: string, target: string): string {
  const relative = path.relative(path.dirname(path.join(ROOT, file)), target).replace(/\.tsx?$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

const runtimeImport = (file: string, target: string) => `import '${spec(file, target)}';`;
const typeImport = (file: string, target: string) => `export type * from '${spec(file, target)}';`;

describe('the layering table in eslint.config.js', () => {
  /** Rows a listed path reaches: the rows at or under it, else the row that owns it. */
  function rowsOf(entry: string): string[] {
    const keys = Object.keys(LAYERS);
    const inside = keys.filter((k) => k === entry || k.startsWith(`${entry}/`));
    if (inside.length > 0) return inside;
    const owner = keys.filter((k) => entry.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
    return owner ? [owner] : [];
  }

  it('has no cycle, so a cycle between folders needs an import that a zone forbids', () => {
    const edges = new Map(
      Object.entries(LAYERS).map(([key, row]) => [
        key,
        new Set([...row.imports, ...(row.types ?? [])].flatMap(rowsOf).filter((k) => k !== key)),
      ]),
    );
    const order: string[] = [];
    const pending = new Map(edges);
    while (pending.size > 0) {
      const ready = [...pending].filter(([, deps]) => [...deps].every((d) => order.includes(d))).map(([key]) => key);
      expect(ready, `rows left in a cycle: ${[...pending.keys()].join(', ')}`).not.toEqual([]);
      for (const key of ready) {
        order.push(key);
        pending.delete(key);
      }
    }
    expect(order).toHaveLength(Object.keys(LAYERS).length);
  });

  it('names in its lists only paths that some row owns', () => {
    for (const [key, row] of Object.entries(LAYERS)) {
      const globRoots = (row.files ?? []).map((glob) => glob.split('/*')[0] ?? glob);
      for (const entry of [...row.imports, ...(row.types ?? []), ...globRoots]) expect(rowsOf(entry), `${key} -> ${entry}`).not.toEqual([]);
    }
  });

  it('has a row for every folder and file of src/, every web feature and every top-level code folder', () => {
    const listed = (dir: string, onlyFolders: boolean) =>
      existsSync(path.join(ROOT, dir))
        ? readdirSync(path.join(ROOT, dir))
            .filter((name) => !onlyFolders || statSync(path.join(ROOT, dir, name)).isDirectory())
            .filter((name) => !name.startsWith('.') && !name.startsWith('lint-probe'))
            .map((name) => `${dir}/${name}`)
        : [];
    const expected = [
      ...listed('src', false),
      ...listed('web/src/features', true),
      'functions',
      'scripts',
      'tests',
      'web',
      'web/src',
      'web/src/components',
      'web/src/lib',
    ];
    expect(expected.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });
});

describe('the boundary rules, on deliberate violations and on the allowed imports next to them', () => {
  it('a lower layer importing a feature fails (src/platform -> src/accounts); the feature importing platform passes', async () => {
    const file = 'src/platform/probe.ts';
    expect(await lint(file, runtimeImport(file, fileIn('src/accounts')))).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/platform may import only src\/kernel/),
    ]);
    expect(await lint(file, typeImport(file, fileIn('src/accounts')))).toHaveLength(1);
    const upper = 'src/accounts/probe.ts';
    expect(await lint(upper, runtimeImport(upper, fileIn('src/platform')))).toEqual([]);
  });

  it('a cycle between two folders fails on the import against the table (accounts -> requests); requests -> accounts passes', async () => {
    const accounts = 'src/accounts/probe.ts';
    expect(await lint(accounts, runtimeImport(accounts, fileIn('src/requests')))).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/accounts may import only/),
    ]);
    const requests = 'src/requests/probe.ts';
    expect(await lint(requests, runtimeImport(requests, fileIn('src/accounts')))).toEqual([]);
  });

  it('a new folder under src/ that no row names may not be imported by a feature', async () => {
    const file = 'src/kernel/probe.ts';
    expect(await lint(file, runtimeImport(file, fileIn('src/lint-probe-unlisted')))).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: /),
    ]);
  });

  it('a cycle between two files fails (import-x/no-cycle); the one-way import passes', async () => {
    const dir = mkdtempSync(path.join(ROOT, 'tests', 'lint-probe-'));
    created.push(dir);
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(path.join(dir, 'b.ts'), 'export const b = 1;\n');
    const b = path.relative(ROOT, path.join(dir, 'b.ts'));
    expect(await lint(b, "import { a } from './a';\nexport const b = a;")).toEqual([expect.stringMatching(/^import-x\/no-cycle: /)]);
    expect(await lint(b, 'export const b = 1;')).toEqual([]);
  });

  it('an SDK import in a feature fails, even as a type or a dynamic import; in src/platform or src/adapters it passes', async () => {
    const feature = 'src/accounts/probe.ts';
    expect(await lint(feature, "import '@azure/data-tables';")).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(await lint(feature, "import type { TableClient } from '@azure/data-tables';\nexport type T = TableClient;")).toHaveLength(1);
    expect(await lint(feature, "import nodemailer from 'nodemailer';\nexport const m = nodemailer;")).toHaveLength(1);
    expect(await lint(feature, "export const g = () => import('@microsoft/microsoft-graph-client');")).toEqual([
      expect.stringMatching(/^no-restricted-syntax: /),
    ]);
    expect(await lint('functions/probe.ts', "import '@azure/data-tables';")).toHaveLength(1);
    expect(await lint('src/platform/probe.ts', "import '@azure/data-tables';")).toEqual([]);
    expect(await lint('src/adapters/mail/probe.ts', "import nodemailer from 'nodemailer';\nexport const m = nodemailer;")).toEqual([]);
  });

  it('@azure/functions is allowed in src/http and functions/ as types only', async () => {
    const typeOnly = "import type { HttpRequest } from '@azure/functions';\nexport type R = HttpRequest;";
    const value = "import { app } from '@azure/functions';\nexport const a = app;";
    expect(await lint('src/http/probe.ts', typeOnly)).toEqual([]);
    expect(await lint('functions/probe.ts', typeOnly)).toEqual([]);
    expect(await lint('src/http/probe.ts', value)).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(await lint('src/accounts/probe.ts', typeOnly)).toHaveLength(1);
  });

  it('web/src importing src/platform at run time fails; a type import or a *.schemas.ts import passes', async () => {
    const file = 'web/src/probe.ts';
    expect(await lint(file, runtimeImport(file, fileIn('src/platform')))).toEqual([
      expect.stringMatching(/^layering\/no-restricted-runtime-paths: .*web\/src takes src as types only/),
    ]);
    expect(await lint(file, typeImport(file, fileIn('src/platform')))).toEqual([]);
    expect(await lint(file, runtimeImport(file, fileIn('src', /\.schemas\.ts$/)))).toEqual([]);
  });

  it('a web feature importing another feature fails; importing web/src/components or web/src/lib passes', async () => {
    const file = 'web/src/features/delegate/probe.tsx';
    expect(await lint(file, runtimeImport(file, fileIn('web/src/features/accounts')))).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*web\/src\/features\/delegate may import only web\/src\/components/),
    ]);
    expect(await lint(file, runtimeImport(file, fileIn('web/src/components')))).toEqual([]);
    expect(await lint(file, runtimeImport(file, fileIn('web/src/lib')))).toEqual([]);
    const shell = 'web/src/probe.tsx';
    expect(await lint(shell, runtimeImport(shell, fileIn('web/src/features/accounts')))).toEqual([]);
    const shared = 'web/src/components/probe.tsx';
    expect(await lint(shared, runtimeImport(shared, fileIn('web/src/features/accounts')))).toHaveLength(1);
  });

  it('functions/ importing the composition root at run time fails, as types passes; src/platform is reached only by main.ts', async () => {
    const file = 'functions/probe.ts';
    const root = path.join(ROOT, 'src/composition-root.ts');
    expect(await lint(file, runtimeImport(file, root))).toEqual([
      expect.stringMatching(/^layering\/no-restricted-runtime-paths: .*functions takes src\/composition-root.ts as types only/),
    ]);
    expect(await lint(file, typeImport(file, root))).toEqual([]);
    expect(await lint(file, runtimeImport(file, fileIn('src/http')))).toEqual([]);
    const runtime = path.join(ROOT, 'src/platform/functions-runtime.ts');
    expect(await lint(file, runtimeImport(file, runtime))).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: /)]);
    expect(await lint('functions/main.ts', runtimeImport('functions/main.ts', runtime))).toEqual([]);
    expect(await lint(file, runtimeImport(file, fileIn('src/adapters')))).toHaveLength(1);
  });
});
