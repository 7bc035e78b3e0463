import * as z from 'zod';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { RequestKind } from '../key-files/key-file.schemas';
import { fold } from '../kernel/text-folding';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';

const ALL = 'pending';
const rowSchema = z.object({
  nit: z.string(),
  requestId: z.string(),
  since: z.coerce.date(),
  radicado: z.string().optional(),
  /** Since issue 16 (filters); older rows lack them until the unfiltered list sees them (`backfill`). */
  kind: z.enum(['first', 'renewal']).optional(),
  department: z.string().optional(),
});
export type PendingEntry = z.infer<typeof rowSchema>;

/** What Asignar Token can be narrowed to: all combinable. */
export type PendingFilters = { department?: string | undefined; kind?: RequestKind | undefined; olderThanDays?: number | undefined };

/** A department as the filter names it: the directory's name folded, words joined by «-» («Bogotá D.C.» → bogota-d-c). */
export const departmentKey = (name: string) => fold(name).replace(/ /g, '-');

const DAY_MS = 86_400_000;
/** Rows read at most to count one list (Table Storage answers 1000 per page): beyond, the total is «más de». */
export const MAX_COUNTED = 5_000;

/** Rows checked against their key file at once, and pages of them read at most to find the oldest live one. */
const CHECK_BATCH = 20;
const OLDEST_PAGES = 5;
/** The entries whose request is still pending, in their order; checked {@link CHECK_BATCH} at a time. */
async function live(entries: PendingEntry[], stillPending: (entry: PendingEntry) => Promise<boolean>) {
  const kept: PendingEntry[] = [];
  for (let at = 0; at < entries.length; at += CHECK_BATCH) {
    const batch = entries.slice(at, at + CHECK_BATCH);
    const pending = await Promise.all(batch.map(stillPending));
    kept.push(...batch.filter((_, k) => pending[k]));
  }
  return kept;
}

/** The partition holding exactly the entries of a department and/or kind: one index per combination. */
function partitionOf({ department, kind }: Pick<PendingFilters, 'department' | 'kind'>): string {
  if (department && kind) return `d|${department}|t|${kind}`;
  if (department) return `d|${department}`;
  if (kind) return `t|${kind}`;
  return ALL;
}
const indexPartitions = (entry: PendingEntry) => {
  if (!entry.kind) return [];
  const department = entry.department ? departmentKey(entry.department) : '';
  const kinds = [partitionOf({ kind: entry.kind })];
  return department ? [...kinds, partitionOf({ department }), partitionOf({ department, kind: entry.kind })] : kinds;
};

/**
 * The officials' Asignar Token queue, oldest first: one row per waiting request in partition `pending`,
 * keyed by the time it was made, and a copy in the partitions of its kind, its department and both, so a
 * filtered list reads only the entries it shows (the age is a key range). Written before the request itself
 * and removed after it is resolved, so it can only hold too much, never too little; the reader checks each
 * row against the key file.
 */
export function createPendingQueue(storage: Storage, directory?: Pick<DirectoryRepository, 'getProvider'>) {
  const table = storage.tableOf<PendingEntry>('pendingqueue');
  const rowKey = (since: Date, nit: string) => `${since.toISOString()}|${nit}`;
  const write = (entry: PendingEntry) =>
    Promise.all(
      [ALL, ...indexPartitions(entry)].map((partitionKey) =>
        table.upsert({ partitionKey, rowKey: rowKey(entry.since, entry.nit), ...entry }),
      ),
    );
  const rangeOf = (filters: PendingFilters, now: Date) =>
    where.and(
      where.inPartition(partitionOf(filters)),
      ...(filters.olderThanDays ? [where.rowKey('lt', new Date(now.getTime() - filters.olderThanDays * DAY_MS).toISOString())] : []),
    );
  const departmentOf = async (nit: string) => (await directory?.getProvider(nit).catch(() => undefined))?.sites[0]?.department;

  return {
    /** The department is the provider's (its first site) in the directory when the request is made. */
    add: async (entry: PendingEntry) => {
      const department = entry.department ?? (await departmentOf(entry.nit));
      await write({ ...entry, ...(department && { department }) });
    },
    /** Writes the filter copies of a row stored before they existed. */
    backfill: async (entry: PendingEntry, kind: RequestKind, department: string | undefined) =>
      void (await write({ ...entry, kind, ...(department && { department }) })),
    /** Takes the entry out of every partition; one already gone is not an error. The main row goes last, so a retry finds the rest. */
    async remove(entry: Pick<PendingEntry, 'nit' | 'since'>) {
      const key = rowKey(entry.since, entry.nit);
      const stored = await table.get(ALL, key);
      if (stored) await Promise.all(indexPartitions(rowSchema.parse(stored)).map((partition) => table.delete(partition, key)));
      await table.delete(ALL, key);
    },
    /** Every entry matching the filters, oldest first, up to {@link MAX_COUNTED}; `capped` when there are more. */
    async matching(filters: PendingFilters, now: Date): Promise<{ entries: PendingEntry[]; capped: boolean }> {
      const entries: PendingEntry[] = [];
      for await (const row of table.query({ filter: rangeOf(filters, now) })) {
        if (entries.length === MAX_COUNTED) return { entries, capped: true };
        entries.push(rowSchema.parse(row));
      }
      return { entries, capped: false };
    },
    /**
     * The officials' digest: entries made in `[from, to)` whose request `stillPending` confirms (the queue may hold
     * stale rows), oldest first, and the oldest such entry of all (the first live one of a few pages).
     */
    async receivedBetween(
      from: Date,
      to: Date,
      stillPending: (entry: PendingEntry) => Promise<boolean>,
    ): Promise<{ entries: PendingEntry[]; capped: boolean; oldest?: PendingEntry }> {
      const rows: PendingEntry[] = [];
      let capped = false;
      for await (const row of table.query({
        filter: where.and(where.inPartition(ALL), where.rowKeyRange(from.toISOString(), to.toISOString())),
      })) {
        if (rows.length === MAX_COUNTED) {
          capped = true;
          break;
        }
        rows.push(rowSchema.parse(row));
      }
      const entries = await live(rows, stillPending);
      let oldest: PendingEntry | undefined;
      let cursor: string | undefined;
      for (let read = 0; read < OLDEST_PAGES && !oldest; read++) {
        const page = await table.page({ filter: where.inPartition(ALL), pageSize: CHECK_BATCH, ...(cursor && { cursor }) });
        [oldest] = await live(
          page.rows.map((row) => rowSchema.parse(row)),
          stillPending,
        );
        cursor = page.cursor;
        if (!cursor) break;
      }
      return { entries, capped, ...(oldest && { oldest }) };
    },
    /** One page of the matching entries, oldest first; `cursor` (opaque) is where the next one starts. */
    async page(
      filters: PendingFilters,
      now: Date,
      pageSize: number,
      cursor?: string,
    ): Promise<{ entries: PendingEntry[]; cursor?: string }> {
      const page = await table.page({ filter: rangeOf(filters, now), pageSize, ...(cursor && { cursor }) });
      return { entries: page.rows.map((row) => rowSchema.parse(row)), ...(page.cursor && { cursor: page.cursor }) };
    },
  };
}
export type PendingQueue = ReturnType<typeof createPendingQueue>;
