import * as z from 'zod';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';

const PARTITION = 'pending';
const rowSchema = z.object({ nit: z.string(), requestId: z.string(), since: z.coerce.date(), radicado: z.string().optional() });
export type PendingEntry = z.infer<typeof rowSchema>;

/**
 * The officials' Asignar Token queue, oldest first: one row per waiting request, keyed by the time it was
 * made. Written before the request itself and removed after it is resolved, so it can only hold too much,
 * never too little; the reader checks each row against the key file.
 */
export function createPendingQueue(storage: Storage) {
  const table = storage.tableOf<PendingEntry>('pendingqueue');
  const rowKey = (since: Date, nit: string) => `${since.toISOString()}|${nit}`;
  return {
    add: async (entry: PendingEntry) =>
      void (await table.upsert({ partitionKey: PARTITION, rowKey: rowKey(entry.since, entry.nit), ...entry })),
    /** Takes the entry out; one already gone is not an error. */
    remove: async (entry: Pick<PendingEntry, 'nit' | 'since'>) => void (await table.delete(PARTITION, rowKey(entry.since, entry.nit))),
    /** One page, oldest first; `cursor` (opaque) is where the next one starts. */
    async page(pageSize: number, cursor?: string): Promise<{ entries: PendingEntry[]; cursor?: string }> {
      const page = await table.page({ filter: where.inPartition(PARTITION), pageSize, ...(cursor && { cursor }) });
      return { entries: page.rows.map((row) => rowSchema.parse(row)), ...(page.cursor && { cursor: page.cursor }) };
    },
  };
}
export type PendingQueue = ReturnType<typeof createPendingQueue>;
