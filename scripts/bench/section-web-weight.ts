import path from 'node:path';
import { figure, fmt, root, TARGETS, verdict } from './bench-context';
import { webAssetSizes } from './web-bench';
import { kb, readManifest, splitWeight } from './web-weight';

/** The web's JavaScript weight: the first screen (entry and its static imports) against the target, the rest listed. */
export async function reportWebWeight(): Promise<void> {
  const webRoot = path.join(root, 'dist/web');
  const weight = splitWeight(await webAssetSizes(webRoot), await readManifest(webRoot));
  const [js, lazy, css] = [kb(weight.firstJs), kb(weight.lazyJs), kb(weight.css)];
  figure('web.js.kb', 'JavaScript de la primera pantalla (gzip)', js, 'KB');
  figure('web.js-diferido.kb', 'JavaScript cargado bajo demanda (gzip)', lazy, 'KB');
  figure('web.css.kb', 'CSS de la web (gzip)', css, 'KB');
  console.log(
    `Web (dist/web, gzip -9; primera pantalla = entrada + sus importaciones estáticas según .vite/manifest.json): JavaScript ${fmt(js)} KB (meta < ${TARGETS.webJsKb} KB) ${verdict(js < TARGETS.webJsKb, 'tamaño del JavaScript')}; bajo demanda (import(), sin meta) ${fmt(lazy)} KB; CSS ${fmt(css)} KB`,
  );
  for (const [group, assets] of [
    ['primera pantalla', weight.firstJs],
    ['bajo demanda', weight.lazyJs],
    ['CSS', weight.css],
  ] as const)
    for (const asset of assets)
      console.log(`  ${group}: ${asset.file}: ${fmt(asset.bytes / 1024)} KB, ${fmt(asset.gzipped / 1024)} KB gzip`);
}
