import { forEachLimited } from '../kernel/concurrency';
import { ConcurrencyError } from '../platform/storage/concurrency';
import { partitionBatches } from '../platform/storage/keys';
import type { Entity, RowKeys, Table, TableAction } from '../platform/storage/table';
import type { BulkOptions } from './directory.repository';

/**
 * Upserts `save` and deletes `remove` (no row in both), grouped by partition into transactions of at most 100
 * rows, `concurrency` groups in flight. A group of one row is a plain upsert or delete (cheaper than a
 * transaction). A transaction refused because a row to delete is already gone (someone removed it since the
 * directory was read) is written again row by row: every write here is idempotent, so nothing lands twice.
 */
export async function writeGrouped<T extends object>(
  table: Table<T>,
  save: readonly Entity<T>[],
  remove: readonly RowKeys[],
  { concurrency, written }: BulkOptions,
): Promise<void> {
  type Keyed = { partitionKey: string; action: TableAction<T> };
  const actions: Keyed[] = [
    ...save.map((entity): Keyed => ({ partitionKey: entity.partitionKey, action: { kind: 'upsert', entity } })),
    ...remove.map(({ partitionKey, rowKey }): Keyed => ({ partitionKey, action: { kind: 'delete', partitionKey, rowKey } })),
  ];
  const one = (action: TableAction<T>) =>
    action.kind === 'delete' ? table.delete(action.partitionKey, action.rowKey) : table.upsert((action as { entity: Entity<T> }).entity);
  await forEachLimited(partitionBatches(actions), concurrency, async (group) => {
    if (group.length === 1) await one(group[0]!.action);
    else {
      try {
        await table.transact(group.map((g) => g.action));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        for (const { action } of group) await one(action);
      }
    }
    await written?.(group.length);
  });
}
