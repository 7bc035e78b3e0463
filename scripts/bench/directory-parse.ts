import { createDirectoryImport } from '../../src/directory/directory-import.service';
import type { DirectoryRepository } from '../../src/directory/directory.repository';
import { providersCsv, syntheticReps } from './synthetic-reps';

/**
 * `node scripts/node22.mjs npx tsx scripts/bench/directory-parse.ts [--rondas N] [--bytes]`: how long the providers import
 * takes to decode, parse and validate 80,000 synthetic REPS rows, with a repository that stores nothing (the
 * storage writes, measured by bench.ts, are left out). Prints the median of the rounds.
 */
const rounds = Number(process.argv[process.argv.indexOf('--rondas') + 1]) || 5;
const asBytes = process.argv.includes('--bytes'); // as the npm script and an upload hand it over: decoding included
const nothingStored: DirectoryRepository = {
  getProvider: async () => undefined,
  getDelegate: async () => undefined,
  getOfficer: async () => undefined,
  delegatesOf: async () => [],
  hasAnyProvider: async () => false,
  listProviders: async () => [],
  listDelegates: async () => [],
  delegationsOf: async () => [],
  listOfficers: async () => [],
  saveProvider: async () => {},
  saveDelegate: async () => {},
  saveOfficer: async () => {},
  removeDelegate: async () => {},
  removeOfficer: async () => {},
  writeProviders: async () => {},
  writeDelegates: async () => {},
  writeOfficers: async () => {},
};

const csv = providersCsv(syntheticReps(60_000, 80_000));
const bytes = Buffer.from(csv, 'utf8');
const directoryImport = createDirectoryImport(nothingStored);
const times: number[] = [];
const cpuTimes: number[] = []; // CPU time: steadier than wall time when other processes share the cores
let rows = 0;
for (let round = 0; round <= rounds; round++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const [report] = await directoryImport.importFiles({ providers: asBytes ? bytes : csv });
  if (!report?.imported) throw new Error(JSON.stringify(report?.errors.slice(0, 3)));
  if (round === 0) continue; // round 0 warms up the JIT
  times.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  rows = report.rows;
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(
  `${rows} filas (${(bytes.length / 1e6).toFixed(1)} MB), ${rounds} rondas: tiempo mediana ${median(times)} ms (mínimo ${times[0]!.toFixed(0)}),` +
    ` CPU mediana ${median(cpuTimes)} ms (mínimo ${cpuTimes[0]!.toFixed(0)})`,
);

function median(sorted: number[]) {
  return sorted[Math.floor(sorted.length / 2)]!.toFixed(0);
}
