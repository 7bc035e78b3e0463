/**
 * Prints the figures that say whether the structure still holds: the largest source files, the imports that
 * cross from one folder of the application to another (by pair, run time and type-only apart), the places that
 * write a storage filter, the files that hold an SDK client outside the adapters, and the handlers that reach a
 * process-wide service locator. `npm run arch:report [-- <checkout>]`; it reads files only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runMain } from './run-main';

const root = path.resolve(process.argv[2] ?? '.');
// Before the re-cut the application folder was called `shared/`.
const appDir = ['src', 'shared'].find((name) => exists(path.join(root, name))) ?? 'src';

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  if (!exists(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The folder a file belongs to, as the layering speaks of it: `src/<feature>`, `functions`, `web/<feature>`. */
function area(file: string): string {
  const rel = path.relative(root, file).split(path.sep);
  // A file at the root of the application folder (config.ts, composition-root.ts) stands for itself.
  if (rel[0] === appDir) return `${appDir}/${rel[1]}`;
  if (rel[0] === 'web') return rel[2] === 'features' ? `web/features/${rel[3]}` : `web/${rel[2]?.replace(/\.tsx?$/, '') ?? ''}`;
  return rel[0]!;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`].find((candidate) => exists(candidate) && statSync(candidate).isFile());
}

const importPattern = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
const filterPattern = /(PartitionKey|RowKey|\b[a-z][A-Za-z]*)\s+(eq|ne|gt|ge|lt|le)\s+['$`]|odata`/;
const sdkPattern =
  /from\s+['"](@azure\/(data-tables|storage-queue|keyvault-secrets|communication-email|identity)|@microsoft\/microsoft-graph-client|nodemailer)['"]/;

async function main(): Promise<number> {
  const sources = [...walk(path.join(root, appDir)), ...walk(path.join(root, 'functions')), ...walk(path.join(root, 'web', 'src'))];
  const lines = new Map(sources.map((file) => [file, readFileSync(file, 'utf8')]));

  console.log(`Estructura de ${root} (carpeta de la aplicación: ${appDir}/), ${sources.length} archivos fuente\n`);
  console.log('Archivos más grandes (líneas):');
  const sizes = [...lines].map(([file, text]) => [path.relative(root, file), text.split('\n').length] as const).sort((a, b) => b[1] - a[1]);
  for (const [file, count] of sizes.slice(0, 12)) console.log(`  ${String(count).padStart(5)}  ${file}`);
  console.log(`  archivos de más de 250 líneas: ${sizes.filter(([, count]) => count > 250).length}`);

  const pairs = new Map<string, { runtime: number; types: number }>();
  for (const [file, text] of lines) {
    for (const match of text.matchAll(importPattern)) {
      const spec = match[3] ?? match[4]!;
      if (!spec.startsWith('.')) continue;
      const target = resolveImport(file, spec);
      if (!target) continue;
      const [from, to] = [area(file), area(target)];
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      const counts = pairs.get(key) ?? { runtime: 0, types: 0 };
      if (match[2]) counts.types++;
      else counts.runtime++;
      pairs.set(key, counts);
    }
  }
  const featurePairs = [...pairs].filter(([key]) => key.split(' -> ').every((side) => side.startsWith(`${appDir}/`)));
  console.log(`\nImportaciones entre carpetas de ${appDir}/ (por par; en ejecución + solo tipos):`);
  for (const [key, counts] of featurePairs.sort((a, b) => b[1].runtime + b[1].types - (a[1].runtime + a[1].types))) {
    console.log(`  ${String(counts.runtime + counts.types).padStart(4)}  ${key}  (${counts.runtime} + ${counts.types})`);
  }
  const cycles = featurePairs.filter(([key]) => {
    const [from, to] = key.split(' -> ');
    return pairs.has(`${to} -> ${from}`);
  });
  console.log(
    `  pares en ciclo (A importa B y B importa A): ${cycles.length / 2}${cycles.length ? ': ' + cycles.map(([key]) => key).join('; ') : ''}`,
  );

  console.log('\nLugares que escriben un filtro de almacenamiento (OData):');
  let filterCount = 0;
  for (const [file, text] of lines) {
    const hits = text
      .split('\n')
      .filter((line) => filterPattern.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'));
    if (hits.length === 0) continue;
    filterCount += hits.length;
    console.log(`  ${String(hits.length).padStart(4)}  ${path.relative(root, file)}`);
  }
  console.log(`  total: ${filterCount}`);

  const sdkOutside = [...lines].filter(([file, text]) => {
    const where = area(file);
    return sdkPattern.test(text) && !where.endsWith('/platform') && !where.endsWith('/adapters');
  });
  console.log(`\nArchivos fuera de platform/ y adapters/ que importan un SDK de Azure, Graph o correo: ${sdkOutside.length}`);
  for (const [file] of sdkOutside) console.log(`        ${path.relative(root, file)}`);

  const tableClientUsers = [...lines].filter(([file, text]) => /\.table\(\s*'/.test(text) && !area(file).endsWith('/platform'));
  console.log(`Archivos fuera de platform/ que piden un cliente de tabla (storage.table): ${tableClientUsers.length}`);
  const locator = [...lines].filter(([file, text]) => area(file) === 'functions' && /\bservices\(\)/.test(text));
  console.log(`Handlers que llaman al localizador global services(): ${locator.length}`);
  return 0;
}

runMain(main);
