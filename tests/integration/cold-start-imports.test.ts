import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions } from '../../scripts/bundle-options';

const root = path.resolve(import.meta.dirname, '../..');

/** Modules only some requests need stay out of the start path (main.js and its static chunks): loaded with import(). */
describe('cold start: what main.js loads at start', () => {
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
    const atStart = new Set<string>();
    const visit = (file: string) => {
      if (atStart.has(file) || !outputs[file]) return;
      atStart.add(file);
      for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(main);
    const inputs = [...atStart].flatMap((file) => Object.keys(outputs[file]!.inputs));
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
