import type { z } from 'zod';
import { canonicalJson } from '../kernel/canonical-json';
import { delegateColumns, officerColumns, type ColumnSpec } from './directory-columns';
import { person, type DirectoryFile } from './directory-rows';
import { eachItem, eachProvider, providerFingerprint, scanProviders, scanRows, writeInWindows } from './directory-scan';
import { delegateRowSchema, officerRowSchema, type Delegate, type Officer, type Provider } from './directory.schemas';
import { personKey, type BulkOptions, type DirectoryRepository } from './directory.repository';
import type { ImportKind, ImportReport } from './directory-import.service';

/** A file's changes, counted, and how to write them (`run`): `total` rows to save or remove. */
export type StreamPlan = { report: ImportReport; total: number; run: (options: BulkOptions) => Promise<void> };
type Files = Partial<Record<ImportKind, DirectoryFile>>;
const delegateKey = (d: Delegate) => `${d.nit}/${personKey(d)}`;
const makeDelegate = (row: z.infer<typeof delegateRowSchema>): Delegate => ({
  nit: row.nit,
  ...person(row),
  ...(row.telefono && { phone: row.telefono }),
});

function newReport(kind: ImportKind, rows: number): ImportReport {
  const keys: ImportReport['keys'] = { created: [], updated: [], removed: [] };
  return { kind, imported: true, rows, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors: [] };
}

/** Counts a row against what the directory has under its key; true when it is to be written. */
function classify(report: ImportReport, key: string, current: string | undefined, incoming: string): boolean {
  if (current === undefined) report.created = report.keys.created.push(key);
  else if (current !== incoming) report.updated = report.keys.updated.push(key);
  else {
    report.unchanged++;
    return false;
  }
  return true;
}

/**
 * The import streamed (docs/rendimiento.md «Importación del directorio en flujo»): each file read twice as a stream, never whole. The first reading
 * checks every row and counts the changes against the directory; the second (in `run`) writes the rows to save
 * in windows of `window` rows. Undefined when any file has a bad row: the caller then reads the files whole for
 * the error report, and nothing is written.
 */
export async function planStreamed(directory: DirectoryRepository, files: Files, window: number): Promise<StreamPlan[] | undefined> {
  const plans: StreamPlan[] = [];
  let providerNits = new Set<string>();
  if (files.providers !== undefined) {
    const file = files.providers;
    const compare = await directory.hasAnyProvider(); // a first load has nothing to compare with: no fingerprints
    const scan = await scanProviders(file, compare);
    if (!scan) return undefined;
    providerNits = new Set(scan.nits.keys());
    const existing = new Map(compare ? (await directory.listProviders()).map((p) => [p.nit, providerFingerprint(p)]) : []);
    const report = newReport('providers', scan.rows);
    const save = new Set<string>();
    for (const nit of scan.nits.keys()) if (classify(report, nit, existing.get(nit), scan.fingerprint(nit))) save.add(nit);
    existing.clear();
    const run = (options: BulkOptions) =>
      writeInWindows<Provider>(
        (visit) => eachProvider(file, scan, (nit) => save.has(nit), visit),
        window,
        (slice) => directory.writeProviders(slice, options),
      );
    plans.push({ report, total: save.size, run });
  }
  if (files.delegates !== undefined) {
    const known = new Map<string, boolean>();
    const isProvider = async (nit: string) => {
      if (!known.has(nit)) known.set(nit, providerNits.has(nit) || (await directory.getProvider(nit)) !== undefined);
      return known.get(nit)!;
    };
    const plan = await planPeople(files.delegates, 'delegates', delegateColumns, delegateRowSchema, makeDelegate, delegateKey, {
      existing: await directory.listDelegates(),
      check: (delegate) => (known.has(delegate.nit) ? known.get(delegate.nit)! : isProvider(delegate.nit)),
      write: (save, remove, options) => directory.writeDelegates(save, remove, options),
      window,
    });
    if (!plan) return undefined;
    plans.push(plan);
  }
  if (files.officers !== undefined) {
    const plan = await planPeople(files.officers, 'officers', officerColumns, officerRowSchema, person, personKey, {
      existing: await directory.listOfficers(),
      check: () => true,
      write: (save, remove, options) => directory.writeOfficers(save, remove, options),
      window,
    });
    if (!plan) return undefined;
    plans.push(plan);
  }
  return plans;
}

/** Delegates or officials: complete lists, each person once; whoever the directory has and the file has not is removed. */
async function planPeople<S extends z.ZodType, T extends Delegate | Officer>(
  file: DirectoryFile,
  kind: ImportKind,
  columns: readonly ColumnSpec[],
  schema: S,
  make: (row: z.infer<S>) => T,
  keyOf: (item: T) => string,
  options: {
    existing: T[];
    check: (item: T) => boolean | Promise<boolean>;
    write: (save: readonly T[], remove: readonly T[], options: BulkOptions) => Promise<void>;
    window: number;
  },
): Promise<StreamPlan | undefined> {
  const existing = new Map(options.existing.map((item) => [keyOf(item), item]));
  const report = newReport(kind, 0);
  const seen = new Set<string>();
  const save = new Set<string>();
  const scanned = await scanRows(file, columns, schema, async (row) => {
    const item = make(row);
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    const pending = options.check(item);
    if (!(pending instanceof Promise ? await pending : pending)) return false;
    const current = existing.get(key);
    if (classify(report, key, current && canonicalJson(current), canonicalJson(item))) save.add(key);
    return true;
  });
  if (!scanned.ok) return undefined;
  report.rows = scanned.rows;
  const remove = [...existing].filter(([key]) => !seen.has(key));
  report.keys.removed = remove.map(([key]) => key);
  report.removed = remove.length;
  const run = async (bulk: BulkOptions) => {
    await writeInWindows<T>(
      (visit) => eachItem(file, columns, schema, make, (item) => save.has(keyOf(item)), visit),
      options.window,
      (slice) => options.write(slice, [], bulk),
    );
    if (remove.length > 0)
      await options.write(
        [],
        remove.map(([, item]) => item),
        bulk,
      );
  };
  return { report, total: save.size + remove.length, run };
}
