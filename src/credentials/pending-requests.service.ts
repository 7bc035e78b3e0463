import type { SessionUser } from '../accounts/accounts.schemas';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { requestKinds } from '../key-files/key-file.schemas';
import type { Clock } from '../platform/clock';
import { departmentKey, type PendingEntry, type PendingFilters, type PendingQueue } from '../requests/pending-queue';
import { environmentProgress } from './auto-issue-view';
import { assertOfficer } from './officer-access';
import { requestKindOf, type PendingFiltersQuery } from './officer.schemas';
import { providerSummary } from './officer-views';

type Deps = {
  keyFiles: Pick<KeyFileRepository, 'getFile'>;
  directory: Pick<DirectoryRepository, 'getProvider'>;
  pendingQueue: PendingQueue;
  clock: Clock;
};

const DAY_MS = 86_400_000;
/** A queue row younger than this whose request is not in the file may still be mid-save: leave it alone. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;
/** Stale rows are skipped: at most this many rounds of checks against the key files, each of at least {@link MIN_BATCH} rows. */
const CHECK_ROUNDS = 3;
const MIN_BATCH = 10;

export const filtersFrom = (query: PendingFiltersQuery): PendingFilters => ({
  department: query.departamento,
  kind: query.tipo && requestKindOf[query.tipo],
  olderThanDays: query.antiguedad ? Number(query.antiguedad) : undefined,
});

/**
 * Asignar Token for an official with hundreds of requests a week: filtered by department, kind and age,
 * counted and paged («Mostrando 1–50 de N»), the count for the officials' menu, and «Siguiente solicitud».
 * Every read is of the queue's partition for the filters (see pending-queue.ts), never of the directory or
 * the key files as a whole; only the rows shown are checked against their key file.
 */
export function createPendingRequests({ keyFiles, directory, pendingQueue, clock }: Deps) {
  const daysSince = (date: Date) => Math.max(0, Math.floor((clock.now().getTime() - date.getTime()) / DAY_MS));

  /** The entry as a list row, or undefined when its request is no longer pending (an old stale row is removed). */
  async function check(entry: PendingEntry) {
    const [file, provider] = await Promise.all([keyFiles.getFile(entry.nit), directory.getProvider(entry.nit)]);
    if (file.pendingRequestId !== entry.requestId || !file.pendingKind) {
      if (clock.now().getTime() - entry.since.getTime() > ORPHAN_AGE_MS) await pendingQueue.remove(entry).catch(() => undefined);
      return undefined;
    }
    // A row from before the filters existed: it gets its filter copies now.
    if (!entry.kind) await pendingQueue.backfill(entry, file.pendingKind, provider?.sites[0]?.department).catch(() => undefined);
    return {
      ...providerSummary(provider, entry.nit),
      requestId: entry.requestId,
      radicado: entry.radicado,
      kind: file.pendingKind,
      kindLabel: requestKinds[file.pendingKind].statusLabel,
      since: entry.since.toISOString(),
      daysWaiting: daysSince(entry.since),
      /** Which environments are done (pre-production may be issued automatically) and why one still waits. */
      progress: environmentProgress(file),
    };
  }
  type Item = NonNullable<Awaited<ReturnType<typeof check>>>;

  /** Up to `size` live rows from `entries`, starting at `from`; stale rows are skipped within a bounded number of checks. */
  async function fill(entries: PendingEntry[], from: number, size: number): Promise<Item[]> {
    const items: Item[] = [];
    let at = from;
    for (let round = 0; round < CHECK_ROUNDS && items.length < size && at < entries.length; round++) {
      const batch = entries.slice(at, at + Math.max(size - items.length, MIN_BATCH));
      at += batch.length;
      for (const item of await Promise.all(batch.map(check))) if (item) items.push(item);
    }
    return items.slice(0, size);
  }

  return {
    async list(officer: SessionUser, query: PendingFiltersQuery & { orden: 'antiguas' | 'recientes'; pagina: number; limit: number }) {
      assertOfficer(officer);
      const { entries, capped } = await pendingQueue.matching(filtersFrom(query), clock.now());
      if (query.orden === 'recientes') entries.reverse();
      const offset = (query.pagina - 1) * query.limit;
      const items = await fill(entries, offset, query.limit);
      return { items, total: entries.length, capped, page: query.pagina, pageSize: query.limit, offset };
    },

    /** The menu's «Asignar Token (N)» and the departments that have requests waiting, for the filter. */
    async summary(officer: SessionUser) {
      assertOfficer(officer);
      const { entries, capped } = await pendingQueue.matching({}, clock.now());
      const departments = new Map<string, { key: string; name: string; count: number }>();
      for (const { department } of entries) {
        if (!department) continue;
        const key = departmentKey(department);
        const known = departments.get(key);
        if (known) known.count++;
        else departments.set(key, { key, name: department, count: 1 });
      }
      return {
        pending: entries.length,
        capped,
        departments: [...departments.values()].sort((a, b) => a.name.localeCompare(b.name, 'es')),
      };
    },

    /** «Siguiente solicitud»: the oldest live request matching the filters, other than the provider just handled. */
    async next(officer: SessionUser, query: PendingFiltersQuery & { actual?: string | undefined }) {
      assertOfficer(officer);
      let cursor: string | undefined;
      for (let read = 0; read < 5; read++) {
        const page = await pendingQueue.page(filtersFrom(query), clock.now(), 10, cursor);
        const candidates = page.entries.filter((entry) => entry.nit !== query.actual);
        for (const item of await Promise.all(candidates.map(check))) {
          if (item) return { next: { nit: item.nit, name: item.name, requestId: item.requestId, radicado: item.radicado } };
        }
        cursor = page.cursor;
        if (!cursor) break;
      }
      return { next: null };
    },
  };
}
export type PendingRequests = ReturnType<typeof createPendingRequests>;
