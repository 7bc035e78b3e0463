import { canonicalJson } from '../kernel/canonical-json';
import { forEachLimited } from '../kernel/concurrency';
import type { LineError } from './csv';
import { checkDelegates, checkOfficers, checkProviders, type CheckedFile, type DirectoryFile } from './directory-rows';
import type { Delegate, Provider } from './directory.schemas';
import { personKey, type DirectoryRepository } from './directory.repository';
import { DIRECTORY_IMPORT_SUBJECT, importAuditDetail, type ImportAuditLog } from './import-audit';

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

const WRITE_CONCURRENCY = 32;
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

  async function check(files: Partial<Record<ImportKind, DirectoryFile>>) {
    const providers = files.providers === undefined ? undefined : await checkProviders(files.providers);
    const delegates = files.delegates === undefined ? undefined : await checkDelegates(files.delegates, providerCheck(providers));
    const officers = files.officers === undefined ? undefined : await checkOfficers(files.officers);
    return { providers, delegates, officers };
  }

  async function write(checked: Awaited<ReturnType<typeof check>>): Promise<ImportReport[]> {
    const reports: ImportReport[] = [];
    const { providers, delegates, officers } = checked;
    if (providers?.ok) {
      const existing = new Map((await directory.listProviders()).map((p) => [p.nit, p]));
      reports.push(await applyChanges('providers', providers, existing, (p) => p.nit, directory.saveProvider));
    }
    if (delegates?.ok) {
      const existing = new Map((await directory.listDelegates()).map((d) => [delegateKey(d), d]));
      reports.push(await applyChanges('delegates', delegates, existing, delegateKey, directory.saveDelegate, directory.removeDelegate));
    }
    if (officers?.ok) {
      const existing = new Map((await directory.listOfficers()).map((o) => [personKey(o), o]));
      reports.push(await applyChanges('officers', officers, existing, personKey, directory.saveOfficer, directory.removeOfficer));
    }
    return reports;
  }

  return {
    /**
     * Checks the given files (providers first: the delegates point at them), writes them only if all are good,
     * then writes one audit record of the run under `actor` (who ran it), also when a write failed half-way.
     */
    async importFiles(files: Partial<Record<ImportKind, DirectoryFile>>, options: { actor?: string } = {}): Promise<ImportReport[]> {
      let reports: ImportReport[] = [];
      let interrupted = true;
      try {
        const checked = await check(files);
        const entries = (['providers', 'delegates', 'officers'] as const).flatMap((kind) => {
          const file = checked[kind];
          return file ? [[kind, file] as const] : [];
        });
        if (entries.every(([, file]) => file.ok)) reports = await write(checked);
        else reports = entries.map(([kind, file]) => failed(kind, file.ok ? [] : file.errors));
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

function failed(kind: ImportKind, errors: LineError[]): ImportReport {
  const keys = { created: [], updated: [], removed: [] };
  return { kind, imported: false, rows: 0, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors };
}

async function applyChanges<T>(
  kind: ImportKind,
  { rows, items: incoming }: { rows: number; items: T[] },
  existing: Map<string, T>,
  keyOf: (item: T) => string,
  save: (item: T) => Promise<unknown>,
  remove?: (item: T) => Promise<unknown>,
): Promise<ImportReport> {
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
  const leaving = remove ? [...existing.entries()].filter(([key]) => !incomingKeys.has(key)) : [];
  keys.removed = leaving.map(([key]) => key);
  const toRemove = leaving.map(([, item]) => item);
  report.removed = toRemove.length;
  await forEachLimited(toSave, WRITE_CONCURRENCY, save);
  if (remove) await forEachLimited(toRemove, WRITE_CONCURRENCY, remove);
  return report;
}
