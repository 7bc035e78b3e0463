import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { regressions, type Baseline, type Figure } from './bench-stats';

/**
 * What every section of `npm run bench` shares: the run's settings (arguments and BENCH_* variables), the
 * targets, and the figures and missed targets collected so far. One run per process, so module state.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
export const only = arg('--solo');
if (only && !['busqueda', 'http', 'soak', 'correo', 'importacion', 'arranque'].includes(only))
  throw new Error(`--solo ${only}: use busqueda, http, soak, correo, importacion o arranque`);
/** `--solo http`: only the table of HTTP operations beside their floors (the import runs first, without its memory series). */
export const httpTable = !only || only === 'http';
export const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const settings = {
  providers: num('BENCH_PROVIDERS', 60_000),
  codes: num('BENCH_CODES', 80_000),
  seconds: num('BENCH_SECONDS', 10),
  warmup: num('BENCH_WARMUP', 2),
  slices: num('BENCH_SLICES', 5),
  connections: num('BENCH_CONNECTIONS', 10),
  signIns: num('BENCH_SIGNINS', 200),
  readers: num('BENCH_READERS', 300),
  requests: num('BENCH_REQUESTS', 1_000),
  saves: num('BENCH_SAVES', 300),
  coldRuns: num('BENCH_COLD_RUNS', 7),
  webRuns: num('BENCH_WEB_RUNS', 5),
  // The soak: `--soak <minutes>` (default 3), fixed arrival rate BENCH_SOAK_RATE (× 0.5/s per operation, 2/s searches).
  soakMinutes: Number(arg('--soak') ?? process.env.BENCH_SOAK_MINUTES ?? 3),
  soakRate: num('BENCH_SOAK_RATE', 1),
  // Production defaults unless set: scrypt N = 2^14 (p = 5, from the cost) and a 100 000 captcha (pre-solved, not timed).
  hashCost: num('PASSWORD_HASH_COST', 16_384),
  captchaMax: num('CAPTCHA_MAX_NUMBER', 100_000),
};
export const TARGETS = {
  readRatio: 1.5,
  searchP95Ms: 100,
  importSeconds: 60,
  importRatio: 2,
  importPeakMb: 300,
  coldRatio: 1.3,
  // Node start → registration → the first GET /api/site answered, against a trivial handler. It loads the handlers
  // and the services but no storage SDK (each loads on its first operation): 1.82× under load, 2.80× before
  // (docs/rendimiento.md «Arranque en frío»). The rest is this app's own code (~280 KB: composition root and every handler).
  firstResponseRatio: 2.5,
  // The same, for a first request that reads a table (GET /api/captcha): it loads the tables SDK (and locally
  // creates the missing tables); no worse than the first response when every SDK loaded with it (round 1).
  storageFirstResponseRatio: 4,
  webJsKb: 60,
};
// The import's memory series (rows per file, one child process each): BENCH_IMPORT_SERIES=20000,80000,320000.
export const importSeries = (process.env.BENCH_IMPORT_SERIES ?? '20000,80000,320000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

const started = performance.now();
export const machine = `${os.cpus().length} núcleos, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const figures: Record<string, Figure> = {};
const misses: string[] = [];

/** Records a figure for the baseline comparison and `dist/bench/last-run.json`. */
export const figure = (key: string, label: string, value: number, unit: string, better: Figure['better'] = 'lower') =>
  (figures[key] = { label, value: Number(value.toFixed(2)), unit, better });
export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** «CUMPLE» / «NO CUMPLE»; a miss is remembered and makes the run exit with 1. */
export function verdict(ok: boolean, what: string): string {
  if (!ok) misses.push(what);
  return ok ? 'CUMPLE' : 'NO CUMPLE';
}

export function printMisses(): boolean {
  console.log(`\nMetas no cumplidas: ${misses.length === 0 ? 'ninguna' : misses.join('; ')}.`);
  return misses.length === 0;
}

/** The end of a run: regressions against docs/bench-baseline.json, missed targets, and the run's figures. */
export function finalReport(): void {
  const baselinePath = path.join(root, 'docs/bench-baseline.json');
  const baseline = existsSync(baselinePath) ? (JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline) : undefined;
  const found = regressions(figures, baseline);
  for (const r of found)
    console.log(
      `AVISO: ${r.label}: ${fmt(r.current)} ${r.unit} frente a ${fmt(r.reference)} ${r.unit} del README (${Math.round(r.worse * 100)} % peor).`,
    );
  if (baseline && found.length === 0) console.log(`Sin regresiones de más de 20 % frente a las cifras del README (${baseline.date}).`);
  const minutes = (performance.now() - started) / 60_000;
  const passed = printMisses();
  console.log(`Duración total: ${fmt(minutes)} min.`);
  const result: Baseline = {
    date: new Date().toISOString().slice(0, 10),
    machine,
    command: only === 'busqueda' ? 'npm run bench:search' : only ? `npm run bench -- --solo ${only}` : 'npm run bench',
    figures,
  };
  const out = path.join(root, 'dist/bench/last-run.json');
  void mkdir(path.dirname(out), { recursive: true }).then(() => writeFile(out, JSON.stringify(result, null, 2) + '\n'));
  console.log(`Cifras de esta corrida: dist/bench/last-run.json (copie a docs/bench-baseline.json para fijarlas como referencia).`);
  process.exitCode = passed ? 0 : 1;
}
