import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pricesFile from './azure-prices.json';
import usageFile from './usage-model.json';
import { COUNT_KEYS, zeroCounts, type OperationCounts, type Prices } from './cost-model';
import { addAuditRows, assign, register, requestKeys, reveal, search, seedRun, signIn } from './cost-operations';
import { price, printReport, type Measured } from './cost-report';
import { diff, startCostStack } from './cost-stack';
import { alertModeOperations } from './cost-alert-modes';
import { writeCostBaseline } from './cost-baseline';

/**
 * `npm run cost`: what each user-visible operation does at the platform's edges, counted on the real app
 * (COST_RUNS runs each, default 20), priced with azure-prices.json and scaled with usage-model.json.
 * Prints the tables and writes docs/cost-model.json.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Math.max(2, Number(process.env.COST_RUNS ?? 20));
const TIMERS = [
  'outbox-dispatch',
  'ops-probe',
  'credentials-retire',
  'maintenance-purge',
  'credentials-remind',
  'requests-digest',
] as const;
/** Requests waiting in each measured digest window (COST_DIGEST_REQUESTS): a page of the pending queue holds 1,000. */
const DIGEST_REQUESTS = Number(process.env.COST_DIGEST_REQUESTS ?? 20);

console.log(`IHCE Llaves de acceso: modelo de costos (${new Date().toISOString().slice(0, 10)}), ${runs} corridas por operación.`);
const stack = await startCostStack();
const samples: Record<string, OperationCounts[]> = {};
const measure = async (operation: string, work: () => Promise<unknown>) => {
  await stack.settle();
  const before = await stack.snapshot();
  await work();
  await stack.settle();
  (samples[operation] ??= []).push(diff(await stack.snapshot(), before));
};
let exportRows = 0;
let exportRowsLarger = 0;
const reminderDigest = { recipients: 0 };
const EXTRA_ROWS = Number(process.env.COST_EXPORT_EXTRA_ROWS ?? 5_000);
try {
  const { persons, officer } = await seedRun(stack, runs, usageFile.population.officials.value);
  for (const [k, person] of persons.entries()) {
    await measure('register', () => register(stack, person, k));
    await measure('signIn', () => signIn(stack, person, k));
    await measure('requestKeys', () => requestKeys(stack, person));
    const mode = k % 2 === 0 ? 'manual' : 'entra';
    await measure(mode === 'manual' ? 'assignManual' : 'assignEntra', () => assign(stack, officer, person, mode, k));
    await measure('reveal', () => reveal(stack, person));
    await measure('search', () => search(stack, officer, k));
    process.stdout.write(`\r  corrida ${k + 1} de ${runs}`);
  }
  console.log();
  // Every assigned provider is due today (keys for 30 days): one run, divided by the providers with keys.
  await measure('remindersRun', () => stack.runTimer('credentials-remind'));
  reminderDigest.recipients = await stack.digestRecipients();
  // The background: one run of each timer with nothing due (the reminders' second run of the day is idle).
  for (const name of TIMERS) for (let i = 0; i < 3; i++) await measure(`timer:${name}`, () => stack.runTimer(name));
  // The nightly export, twice: as the run left the tables, then with EXTRA_ROWS more rows. The difference is
  // the cost per row (Table pages, blob blocks); what is left is the cost of a run (29 tables, manifest).
  const exportRun = async () => {
    const manifest = await stack.services.tableExport.run();
    stack.countTimerRun();
    return manifest.tables.reduce((n, t) => n + t.rows, 0);
  };
  await measure('export', async () => (exportRows = await exportRun()));
  await addAuditRows(stack, EXTRA_ROWS);
  await measure('exportLarger', async () => (exportRowsLarger = await exportRun()));
  // OFFICER_ALERT_MODE: the per-request alert alone (each) and a digest window (digest), after the export so that
  // the rows they leave are not in it.
  const modes = alertModeOperations(stack, persons);
  for (const person of persons) await measure('ministryAlert', modes.ministryAlert(person));
  for (let k = 0; k < Math.min(runs, 5); k++) await measure('officerDigest', await modes.officerDigestWindow(k, DIGEST_REQUESTS));
} finally {
  await stack.stop();
}

const mean = (list: OperationCounts[]) => {
  const total = zeroCounts();
  for (const counts of list) for (const key of COUNT_KEYS) total[key] += counts[key];
  for (const key of COUNT_KEYS) total[key] /= list.length;
  return total;
};
const scaled = (counts: OperationCounts, factor: number) =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, counts[k] * factor])) as OperationCounts;

const perOperation: Record<string, OperationCounts> = {};
for (const name of ['register', 'signIn', 'requestKeys', 'ministryAlert', 'assignManual', 'assignEntra', 'reveal', 'search'])
  perOperation[name] = mean(samples[name]!);
// The ministry's daily summary is once a day whatever the number of providers: apart, in the background.
const remindersRun = mean(samples.remindersRun!);
remindersRun.emails -= reminderDigest.recipients;
perOperation.remindersPerProvider = scaled(remindersRun, 1 / runs);
const exportSmall = mean(samples.export!);
const perRow = scaled(diff(mean(samples.exportLarger!), exportSmall), 1 / Math.max(1, exportRowsLarger - exportRows));
perOperation.exportPer1000Rows = scaled(perRow, 1000);
const exportFixed = Object.fromEntries(COUNT_KEYS.map((k) => [k, Math.max(0, exportSmall[k] - perRow[k] * exportRows)])) as OperationCounts;
const timers = {
  ...Object.fromEntries(TIMERS.map((name) => [name, mean(samples[`timer:${name}`]!)])),
  'tables-export': exportFixed,
  'reminder-digest': { ...zeroCounts(), emails: reminderDigest.recipients },
  // OFFICER_ALERT_MODE=digest: one window's digest (timer and queue worker); runs a month only in that mode.
  'officer-digest': mean(samples.officerDigest!),
};

const measured: Measured = { runs, perOperation, timers, exportRows, exportRowsPerProvider: exportRows / runs };
const report = price(measured, pricesFile.prices as unknown as Prices, usageFile);
printReport(report);
const out = path.join(root, 'docs/cost-model.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify({ date: new Date().toISOString().slice(0, 10), command: 'npm run cost', runs, ...report }, null, 2) + '\n',
);
await writeCostBaseline(path.join(root, 'docs/bench-baseline.json'), report, { runs, date: new Date().toISOString().slice(0, 10) });
console.log(`\nModelo escrito en docs/cost-model.json; resumen en docs/bench-baseline.json (clave cost).`);
