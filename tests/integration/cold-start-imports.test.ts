import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions } from '../../scripts/bundle-options';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Modules only some requests need stay out of the start path, loaded with import(). main.js registers every
 * function from the route table (its static chunks); its first invocation loads the services and the handlers
 * (the chunks main.js imports with import(), and their static chunks). What used to be asserted of the start
 * is now asserted of the start plus that first invocation, which together load what the start loaded before.
 */
describe('cold start: what main.js loads at start and on its first invocation', () => {
  it('leaves the second factor, the directory import and the CSV exports to chunks loaded on demand', { timeout: 120_000 }, async () => {
    const result = await build({
      entryPoints: [path.join(root, 'functions/main.ts')],
      outdir: path.join(root, 'dist/test-cold-start'),
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      ...nodeBundleOptions,
      sourcemap: false,
      metafile: true,
      write: false,
      logLevel: 'error',
    });
    const outputs = result.metafile.outputs;
    const main = Object.keys(outputs).find((file) => file.endsWith('/main.js'))!;
    const closure = (roots: string[]) => {
      const files = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file) || !outputs[file]) return;
        files.add(file);
        for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
      };
      roots.forEach(visit);
      return [...files].flatMap((file) => Object.keys(outputs[file]!.inputs));
    };
    const registration = closure([main]);
    // Registration: the route table, the configuration and @azure/functions; no service, handler or storage SDK.
    expect(registration).toContain('functions/routes.ts');
    for (const later of ['src/composition-root.ts', 'functions/definitions.ts', 'functions/site-get.ts'])
      expect(registration).not.toContain(later);
    for (const sdk of ['@azure/data-tables', '@azure/storage-queue', '@azure/storage-blob', '@azure/identity'])
      expect(registration.filter((input) => input.includes(`node_modules/${sdk}/`))).toEqual([]);
    expect(registration.some((input) => input.includes('node_modules/@azure/functions/'))).toBe(true);

    const firstInvocation = outputs[main]!.imports.filter((imported) => imported.kind === 'dynamic-import').map((i) => i.path);
    const inputs = closure([main, ...firstInvocation]);
    expect(inputs).toContain('src/composition-root.ts');
    expect(inputs.filter((input) => input.includes('node_modules/qrcode/'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('node_modules/@simplewebauthn/'))).toEqual([]);
    // Directory files (upload preview, import) and the Tablero's CSV downloads: csv-parse, csv-stringify, and
    // iconv-lite never (Windows-1252 is decoded by src/directory/csv-decoding.ts itself).
    for (const heavy of ['iconv-lite', 'csv-parse', 'csv-stringify'])
      expect(inputs.filter((input) => input.includes(`node_modules/${heavy}/`))).toEqual([]);
    for (const onDemand of ['src/directory/directory-rows.ts', 'src/directory/csv-preview.ts', 'src/dashboard/csv-export.ts'])
      expect(inputs).not.toContain(onDemand);
    expect(inputs.some((input) => input.includes('node_modules/@azure/functions/'))).toBe(true);
  });
});
