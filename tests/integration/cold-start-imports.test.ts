import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions } from '../../scripts/bundle-options';

const root = path.resolve(import.meta.dirname, '../..');

/** Modules only some requests need stay out of the start path (main.js and its static chunks): loaded with import(). */
describe('cold start: what main.js loads at start', () => {
  it('leaves qrcode and @simplewebauthn/server (second factor only) to chunks loaded on demand', { timeout: 120_000 }, async () => {
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
    expect(inputs.some((input) => input.includes('node_modules/@azure/functions/'))).toBe(true);
  });
});
