import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from './bundle-options';

/**
 * Bundles the Azure entry point (functions/main.ts) and everything it imports into one ES module, so the
 * deployed package holds only what runs and cold start reads one file instead of node_modules. What is
 * imported on first use (the Graph, Key Vault and mail SDKs: `import()` in src/composition-root.ts) goes to
 * chunks under dist/api/chunks, loaded only by the instances that need them.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Chunk names carry a hash: start clean so the package never ships chunks of an earlier build.
await rm(path.join(root, 'dist/api'), { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'functions/main.ts')],
  outdir: path.join(root, 'dist/api'),
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  ...nodeBundleOptions,
  metafile: true,
  legalComments: 'linked',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.includes('/chunks/') && file.endsWith('.js')).length;
console.log(`dist/api/main.js listo, con ${chunks} fragmento(s) de carga diferida (${(bytes / 1024).toFixed(0)} KB con mapas de fuentes).`);
