import * as z from 'zod';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Outbox } from './outbox.repository';

const OUTBOX_PARTITION = 'pending';
const outboxEntitySchema = z.object({ event: z.string(), createdAt: z.coerce.date() });

/** The outbox in the `outbox` table: one partition, row key = event id. */
export function createOutboxTable(storage: Storage): Outbox {
  const table = storage.tableOf<{ event: string; createdAt: Date }>('outbox');
  return {
    async save(event, createdAt, { replace }) {
      const row = { partitionKey: OUTBOX_PARTITION, rowKey: event.id, event: JSON.stringify(event), createdAt };
      if (replace) await table.upsert(row);
      else if ((await table.insert(row)).status === 'exists') throw new Error(`El evento ${event.id} ya está en el outbox.`);
    },
    async remove(id) {
      await table.delete(OUTBOX_PARTITION, id);
    },
    async *entries() {
      for await (const row of table.query({ filter: where.inPartition(OUTBOX_PARTITION) })) {
        try {
          const parsed = outboxEntitySchema.parse(row);
          yield { id: row.rowKey, ok: true as const, event: JSON.parse(parsed.event) as unknown, createdAt: parsed.createdAt };
        } catch (error) {
          yield { id: row.rowKey, ok: false as const, error };
        }
      }
    },
  };
}
