import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webAssetSizes, type AssetSize } from './web-bench';
import { kb, readManifest, splitWeight } from './web-weight';

/**
 * `npm run bench:web`: only the bench's JavaScript weight, per chunk, from an existing `dist/web` (build it first
 * with `npx vite build --config web/vite.config.ts`). Same figures as the «Web» line of `npm run bench`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webRoot = path.join(root, 'dist/web');
const manifest = await readManifest(webRoot);
const weight = splitWeight(await webAssetSizes(webRoot), manifest);
// The module each chunk comes from (the manifest's key), so «assets/provider-page-x.js» reads as its page.
const source = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
const fmt = (value: number) => value.toFixed(1);
const print = (label: string, assets: readonly AssetSize[]) => {
  console.log(`${label}: ${fmt(kb(assets))} KB gzip`);
  for (const asset of [...assets].sort((a, b) => b.gzipped - a.gzipped))
    console.log(
      `  ${asset.file}: ${fmt(asset.bytes / 1024)} KB, ${fmt(asset.gzipped / 1024)} KB gzip (${source.get(asset.file.split(path.sep).join('/')) ?? '—'})`,
    );
};
print('Primera pantalla (entrada + importaciones estáticas; meta < 60 KB)', weight.firstJs);
print('Bajo demanda (import())', weight.lazyJs);
print('CSS', weight.css);
