import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetSize } from './web-bench';

/** One chunk of Vite's build manifest (dist/web/.vite/manifest.json), the fields the weight needs. */
export type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
export type Manifest = Record<string, ManifestChunk>;

/**
 * The files the first screen loads: every entry chunk and, transitively, its static `imports` (what the
 * browser fetches before the app runs), with their CSS. Chunks reached only through `dynamicImports`
 * (`import()`: the Tablero page, chart.js) are loaded on demand and are not part of it.
 */
export function firstScreenFiles(manifest: Manifest): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return files;
}

export type WebWeight = { firstJs: AssetSize[]; lazyJs: AssetSize[]; css: AssetSize[] };

/** Splits the built site's assets into the first screen's JavaScript, the lazily loaded chunks, and the CSS. */
export function splitWeight(assets: readonly AssetSize[], manifest: Manifest): WebWeight {
  const first = firstScreenFiles(manifest);
  const js = assets.filter((a) => a.file.endsWith('.js'));
  const normalized = (file: string) => file.split(path.sep).join('/');
  return {
    firstJs: js.filter((a) => first.has(normalized(a.file))),
    lazyJs: js.filter((a) => !first.has(normalized(a.file))),
    css: assets.filter((a) => a.file.endsWith('.css')),
  };
}

export async function readManifest(webRoot: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(path.join(webRoot, '.vite/manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new Error(`Falta ${path.join(webRoot, '.vite/manifest.json')}: construya la web con build.manifest (npm run build:web).`);
  }
}

export const kb = (assets: readonly AssetSize[]) => assets.reduce((sum, a) => sum + a.gzipped, 0) / 1024;
