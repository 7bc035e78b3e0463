import { canonicalJson } from '../kernel/canonical-json';
import type { LineError } from './csv';
import { isByteSource, readWhole } from './csv-source';
import { checkDelegates, checkOfficers, checkProviders, type CheckedFile, type DirectoryFile, type WholeFile } from './directory-rows';
import type { Delegate, Provider } from './directory.schemas';
import { personKey, type BulkOptions, type DirectoryRepository } from './directory.repository';
import { DIRECTORY_IMPORT_SUBJECT, importAuditDetail, type ImportAuditLog } from './import-audit';
import { planStreamed, type StreamPlan } from './directory-import-stream';

export type { LineError } from './csv';
export type { DirectoryFile } from './directory-rows';
export type ImportKind = 'providers' | 'delegates' | 'officers';
export type ImportReport = {
  kind: ImportKind;
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** The key of each row added, changed and removed (see import-audit.ts). */
  keys: { created: string[]; updated: string[]; removed: string[] };
  /** Every bad line of this file; empty when the file is good but was held back because another file of the run is not. */
  errors: LineError[];
};

/** Writes (or batches of writes) in flight at once; the bench times its floor with the same number. */
export const IMPORT_CONCURRENCY = 32;
const WRITE_CONCURRENCY = IMPORT_CONCURRENCY;
/** Rows built for writing at once (the second reading of a file): as many as the pool's batches of 100 hold. */
export const IMPORT_WINDOW = 100 * IMPORT_CONCURRENCY;
/** Writes done and to do, of all the run's files together. */
export type Progress = (done: number, total: number) => Promise<void> | void;
const delegateKey = (d: Delegate) => `${d.nit}/${personKey(d)}`;

/**
 * Loads the ministry's registries. Every file of a run is read and checked whole before anything is written, and
 * one bad line in any of them means nothing of the run is written: the operator fixes the files and runs it
 * again, and the directory never holds half a load. Writes are idempotent upserts of changed rows only; the
 * delegates and officers files are complete lists, so a person missing from a later file is removed (and so
 * loses access, which sign-in and every session check read from the directory).
 */
export function createDirectoryImport(directory: DirectoryRepository, audit?: ImportAuditLog) {
  /** A delegate's NIT must be a provider: of this run's providers file, or already in the directory. */
  const providerCheck = (incoming: CheckedFile<Provider> | undefined) => {
    const nits = new Set(incoming?.ok ? incoming.items.map((p) => p.nit) : []);
    return async (nit: string) => nits.has(nit) || (await directory.getProvider(nit)) !== undefined;
  };

  async function check(files: Partial<Record<ImportKind, WholeFile>>) {
    const providers = files.providers === undefined ? undefined : await checkProviders(files.providers);
    const delegates = files.delegates === undefined ? undefined : await checkDelegates(files.delegates, providerCheck(providers));
    const officers = files.officers === undefined ? undefined : await checkOfficers(files.officers);
    return { providers, delegates, officers };
  }

  /** What the checked files would change, per file, against the directory as it is now: nothing is written. */
  async function plan(checked: Awaited<ReturnType<typeof check>>): Promise<Plan<unknown>[]> {
    const plans: Plan<unknown>[] = [];
    const { providers, delegates, officers } = checked;
    if (providers?.ok) {
      const existing = new Map((await directory.listProviders()).map((p) => [p.nit, p]));
      plans.push(
        diff(
          'providers',
          providers,
          existing,
          (p) => p.nit,
          (save, _, o) => directory.writeProviders(save, o),
          false,
        ) as Plan<unknown>,
      );
    }
    if (delegates?.ok) {
      const existing = new Map((await directory.listDelegates()).map((d) => [delegateKey(d), d]));
      plans.push(diff('delegates', delegates, existing, delegateKey, directory.writeDelegates, true) as Plan<unknown>);
    }
    if (officers?.ok) {
      const existing = new Map((await directory.listOfficers()).map((o) => [personKey(o), o]));
      plans.push(diff('officers', officers, existing, personKey, directory.writeOfficers, true) as Plan<unknown>);
    }
    return plans;
  }

  async function write(plans: StreamPlan[], onProgress?: Progress): Promise<ImportReport[]> {
    const total = plans.reduce((sum, p) => sum + p.total, 0);
    let done = 0;
    const written = async (rows: number) => {
      done += rows;
      await onProgress?.(done, total);
    };
    await onProgress?.(0, total);
    for (const plan of plans) await plan.run({ concurrency: WRITE_CONCURRENCY, written });
    return plans.map((p) => p.report);
  }

  /**
   * Each given file checked, then its changes counted against the directory: reports as the import would give them.
   * Streamed (directory-import-stream.ts) when every file is good; a file with a bad line is read whole, as before,
   * for its error report.
   */
  async function reportsOf(files: Partial<Record<ImportKind, DirectoryFile>>): Promise<{ plans: StreamPlan[]; reports: ImportReport[] }> {
    const streamed = await planStreamed(directory, files, IMPORT_WINDOW);
    if (streamed) return { plans: streamed, reports: streamed.map((p) => p.report) };
    const checked = await check(await whole(files));
    const entries = (['providers', 'delegates', 'officers'] as const).flatMap((kind) => {
      const file = checked[kind];
      return file ? [[kind, file] as const] : [];
    });
    if (!entries.every(([, file]) => file.ok))
      return { plans: [], reports: entries.map(([kind, file]) => failed(kind, file.ok ? [] : file.errors)) };
    const plans = (await plan(checked)).map(({ report, toSave, toRemove, write }): StreamPlan => ({
      report,
      total: toSave.length + toRemove.length,
      run: (options) => write(toSave, toRemove, options),
    }));
    return { plans, reports: plans.map((p) => p.report) };
  }

  return {
    /** What importFiles would do with these files now, without writing anything (the web's preview). */
    async preview(files: Partial<Record<ImportKind, DirectoryFile>>): Promise<ImportReport[]> {
      return (await reportsOf(files)).reports;
    },
    /**
     * Checks the given files (providers first: the delegates point at them), writes them only if all are good,
     * then writes one audit record of the run under `actor` (who ran it), also when a write failed half-way.
     * `onPlan` hears the counts before the first write; `onProgress` each write done (of all files together).
     */
    async importFiles(
      files: Partial<Record<ImportKind, DirectoryFile>>,
      options: { actor?: string; onPlan?: (reports: ImportReport[]) => Promise<void>; onProgress?: Progress } = {},
    ): Promise<ImportReport[]> {
      let reports: ImportReport[] = [];
      let interrupted = true;
      try {
        const planned = await reportsOf(files);
        reports = planned.reports;
        if (planned.plans.length > 0) {
          await options.onPlan?.(reports);
          reports = await write(planned.plans, options.onProgress);
        }
        interrupted = false;
        return reports;
      } finally {
        await audit?.record({
          subject: DIRECTORY_IMPORT_SUBJECT,
          action: 'directorio.importado',
          actor: options.actor ?? 'sistema',
          detail: importAuditDetail(reports, interrupted),
        });
      }
    },
  };
}

/** The files read whole: what a file read as a stream (csv-source.ts) holds, for the error report of a bad one. */
async function whole(files: Partial<Record<ImportKind, DirectoryFile>>): Promise<Partial<Record<ImportKind, WholeFile>>> {
  const read: Partial<Record<ImportKind, WholeFile>> = {};
  for (const [kind, file] of Object.entries(files) as [ImportKind, DirectoryFile][])
    read[kind] = isByteSource(file) ? await readWhole(file) : file;
  return read;
}

function failed(kind: ImportKind, errors: LineError[]): ImportReport {
  const keys = { created: [], updated: [], removed: [] };
  return { kind, imported: false, rows: 0, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors };
}

/** Writes a file's changes: the rows to save and to remove, in bulk (see DirectoryRepository.writeProviders). */
type Writer<T> = (save: readonly T[], remove: readonly T[], options: BulkOptions) => Promise<void>;
type Plan<T> = { report: ImportReport; toSave: T[]; toRemove: T[]; write: Writer<T> };

function diff<T>(
  kind: ImportKind,
  { rows, items: incoming }: { rows: number; items: T[] },
  existing: Map<string, T>,
  keyOf: (item: T) => string,
  write: Writer<T>,
  /** Complete lists (delegates, officers): whoever the directory has and the file has not is removed. */
  removes: boolean,
): Plan<T> {
  const keys: ImportReport['keys'] = { created: [], updated: [], removed: [] };
  const report: ImportReport = { kind, imported: true, rows, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors: [] };
  const toSave: T[] = [];
  const incomingKeys = new Set<string>();
  for (const item of incoming) {
    const key = keyOf(item);
    incomingKeys.add(key);
    const current = existing.get(key);
    if (current === undefined) report.created = keys.created.push(key);
    else if (canonicalJson(current) !== canonicalJson(item)) report.updated = keys.updated.push(key);
    else {
      report.unchanged++;
      continue;
    }
    toSave.push(item);
  }
  const leaving = removes ? [...existing.entries()].filter(([key]) => !incomingKeys.has(key)) : [];
  keys.removed = leaving.map(([key]) => key);
  const toRemove = leaving.map(([, item]) => item);
  report.removed = toRemove.length;
  return { report, toSave, toRemove, write };
}
