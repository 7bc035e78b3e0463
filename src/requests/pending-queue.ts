import * as z from 'zod';
import { AppError } from '../kernel/app-error';
import { isStatus, type Storage } from '../platform/storage/storage';

const PARTITION = 'pending';
const rowSchema = z.object({ nit: z.string(), requestId: z.string(), since: z.coerce.date() });
export type PendingEntry = z.infer<typeof rowSchema>;

/**
 * The officials' Asignar Token queue, oldest first: one row per waiting request, keyed by the time it was
 * made. Written before the request itself and removed after it is resolved, so it can only hold too much,
 * never too little; the reader checks each row against the key file.
 */
export function createPendingQueue(storage: Storage) {
  const table = storage.table('pendingqueue');
  const rowKey = (since: Date, nit: string) => `${since.toISOString()}|${nit}`;
  return {
    add: (entry: PendingEntry) =>
      table.upsertEntity({ partitionKey: PARTITION, rowKey: rowKey(entry.since, entry.nit), ...entry }, 'Replace'),
    async remove(entry: Pick<PendingEntry, 'nit' | 'since'>): Promise<void> {
      try {
        await table.deleteEntity(PARTITION, rowKey(entry.since, entry.nit));
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    },
    async page(pageSize: number, continuationToken?: string): Promise<{ entries: PendingEntry[]; continuationToken?: string }> {
      const iterator = table
        .listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })
        .byPage({ maxPageSize: pageSize, ...(continuationToken && { continuationToken }) });
      const page = (
        await iterator.next().catch((error: unknown) => {
          if (continuationToken && (error instanceof SyntaxError || error instanceof TypeError)) {
            throw new AppError('cursor-invalido', 400, 'El cursor de paginación no es válido. Vuelva a la primera página.');
          }
          throw error;
        })
      ).value;
      if (!page) return { entries: [] };
      return {
        entries: [...page].map((row) => rowSchema.parse(row)),
        ...(page.continuationToken && { continuationToken: page.continuationToken }),
      };
    },
  };
}
export type PendingQueue = ReturnType<typeof createPendingQueue>;
