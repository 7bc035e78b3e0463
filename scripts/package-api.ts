import { copyFile, cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Assembles dist/api-package, the folder `azd deploy` zips for the Function App: host.json, a package.json
 * without dependencies, and the esbuild bundle of dist/api (run `npm run build:api` first) with its chunks
 * loaded on first use. Nothing else: no node_modules, no sources, so the Flex Consumption instance
 * cold-starts from one file.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.join(root, 'dist/api');
const packageDir = path.join(root, 'dist/api-package');

const bundle = await stat(path.join(bundleDir, 'main.js')).catch(() => undefined);
if (!bundle) {
  console.error('Falta dist/api/main.js: ejecute primero `npm run build:api`.');
  process.exit(1);
}

await rm(packageDir, { recursive: true, force: true });
await mkdir(packageDir, { recursive: true });
await copyFile(path.join(root, 'host.json'), path.join(packageDir, 'host.json'));
// main.js, its source map (readable stack traces) and the third-party licences esbuild collected.
const bundleFiles = (await readdir(bundleDir)).filter((name) => /^main\.js(\.map|\.LEGAL\.txt)?$/.test(name));
await Promise.all(bundleFiles.map((name) => copyFile(path.join(bundleDir, name), path.join(packageDir, name))));
await cp(path.join(bundleDir, 'chunks'), path.join(packageDir, 'chunks'), { recursive: true });
const manifest = {
  name: 'ihce-llaves-de-acceso-api',
  version: '0.1.0',
  private: true,
  description: 'Paquete de despliegue de la Function App (generado por scripts/package-api.ts).',
  type: 'module',
  main: 'main.js',
};
await writeFile(path.join(packageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`dist/api-package listo: host.json, package.json, ${bundleFiles.join(', ')}, chunks/.`);
