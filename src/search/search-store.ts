import type { TableClient, TransactionAction } from '@azure/data-tables';
import { forEachLimited } from '../kernel/concurrency';
import { getEntityOrUndefined, isStatus, partitionBatches, type Storage } from '../platform/storage/storage';
import { invalidCursor } from './search-cursor';
import { CARD, unpack, type IndexedProvider, type searchTables } from './search-rows';

export type IndexTable = (typeof searchTables)[number];
/** The rows a read covers: one partition (all of it, or the rows whose key starts with `rowPrefix`), or the partitions whose key starts with `partitionPrefix`. */
export type KeyRange = { partition: string; rowPrefix?: string } | { partitionPrefix: string };
type Keys = { partitionKey: string; rowKey: string };
type Row = Keys & Record<string, unknown>;
/** What a read-modify-write makes of a row: new properties, its deletion, or nothing. */
type Change = Record<string, unknown> | 'delete' | undefined;
/** A stored row with the version a conditional write names. */
export type StoredRow<T> = T & Keys & { version: string };

const END = '\uffff';
const escape = (value: string) => value.replace(/'/g, "''");
function filterOf(range: KeyRange): string {
  if ('partitionPrefix' in range)
    return `PartitionKey ge '${escape(range.partitionPrefix)}' and PartitionKey lt '${escape(range.partitionPrefix)}${END}'`;
  const partition = `PartitionKey eq '${escape(range.partition)}'`;
  return range.rowPrefix === undefined
    ? partition
    : `${partition} and RowKey ge '${escape(range.rowPrefix)}' and RowKey lt '${escape(range.rowPrefix)}${END}'`;
}
const stored = <T>({ etag, ...row }: Record<string, unknown>) => ({ ...row, version: etag }) as StoredRow<T>;

/** Runs `attempt` again while it meets a concurrent writer (412, 409, 404), after a short random pause. */
export async function retryOnConflict(failure: string, attempt: () => Promise<void>): Promise<void> {
  for (let n = 0; n < 40; n++) {
    if (n > 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(n, 5)));
    try {
      return await attempt();
    } catch (error) {
      if (!isStatus(error, 412) && !isStatus(error, 409) && !isStatus(error, 404)) throw error;
    }
  }
  throw new Error(failure);
}

/** The reads and writes the search index makes, on its own tables. */
export function createSearchStore(storage: Storage) {
  const table = (name: IndexTable): TableClient => storage.table(name);

  async function get<T extends object>(name: IndexTable, partitionKey: string, rowKey: string) {
    const row = await getEntityOrUndefined<T>(table(name), partitionKey, rowKey);
    return row && stored<T>(row);
  }

  const readCard = async (nit: string) => {
    const row = await get<Record<string, unknown>>('idxnit', nit, CARD);
    return row && unpack<IndexedProvider>(row);
  };

  return {
    get,
    readCard,
    /** The cards of these NITs, in this order, leaving out those without one; `known` saves reading some again. */
    async cards(nitList: string[], known: IndexedProvider[] = []): Promise<IndexedProvider[]> {
      const rows = await Promise.all(nitList.map((nit) => known.find((card) => card.nit === nit) ?? readCard(nit)));
      return rows.filter((card): card is IndexedProvider => card !== undefined);
    },

    async all<T extends object>(name: IndexTable, range: KeyRange): Promise<StoredRow<T>[]> {
      const rows: StoredRow<T>[] = [];
      for await (const row of table(name).listEntities<T>({ queryOptions: { filter: filterOf(range) } })) rows.push(stored<T>(row));
      return rows;
    },

    /**
     * One page of a query. Table Storage may answer an empty page with a continuation token (a partition
     * boundary): those are followed, so "no rows" means none. A token we did not issue is an invalid cursor.
     */
    async page<T extends object>(name: IndexTable, range: KeyRange, pageSize: number, token?: string) {
      const iterator = table(name)
        .listEntities<T>({ queryOptions: { filter: filterOf(range) } })
        .byPage({ maxPageSize: pageSize, ...(token && { continuationToken: token }) });
      for (;;) {
        const result = (
          await iterator.next().catch((error: unknown) => {
            if (token && (error instanceof SyntaxError || error instanceof TypeError || isStatus(error, 400))) throw invalidCursor();
            throw error;
          })
        ).value;
        const rows = result ? [...result] : [];
        const next = result?.continuationToken as string | undefined;
        if (rows.length > 0 || !next) return { rows, token: next };
      }
    },

    upsert: async (name: IndexTable, row: Row) => void (await table(name).upsertEntity(row, 'Replace')),
    /** Fails with a conflict when the row exists. */
    create: async (name: IndexTable, row: Row) => void (await table(name).createEntity(row)),
    /** Fails with a conflict when the row changed since `version` was read. */
    replace: async (name: IndexTable, row: Row, version: string) =>
      void (await table(name).updateEntity(row, 'Replace', { etag: version })),
    /** Deletes a row (only at `version` if given); a row already gone is not an error unless `version` was given. */
    async remove(name: IndexTable, partitionKey: string, rowKey: string, version?: string) {
      try {
        await table(name).deleteEntity(partitionKey, rowKey, version ? { etag: version } : undefined);
      } catch (error) {
        if (version || !isStatus(error, 404)) throw error;
      }
    },
    /** Upserts many rows, a transaction per partition (at most 100 rows each). */
    async batched(name: IndexTable, rows: Keys[]) {
      await forEachLimited(partitionBatches(rows), 8, (batch) =>
        batch.length === 1
          ? table(name).upsertEntity(batch[0]!, 'Replace')
          : table(name).submitTransaction(batch.map((row): TransactionAction => ['upsert', row, 'Replace'])),
      );
    },

    /**
     * Read, change, write back at the row's version (create if missing); `change` answers undefined when
     * there is nothing to write. Concurrent writers retry, so none of them is lost.
     */
    mutate<T extends Record<string, unknown>>(
      name: IndexTable,
      partitionKey: string,
      rowKey: string,
      change: (current: StoredRow<T> | undefined) => Change | Promise<Change>,
    ) {
      return retryOnConflict(
        `No se pudo actualizar el índice de búsqueda (${partitionKey}) tras varios intentos concurrentes.`,
        async () => {
          const current = await get<T>(name, partitionKey, rowKey);
          const next = await change(current);
          if (next === 'delete') {
            if (current) await table(name).deleteEntity(partitionKey, rowKey, { etag: current.version });
          } else if (next && current) {
            await table(name).updateEntity({ partitionKey, rowKey, ...next }, 'Replace', { etag: current.version });
          } else if (next) {
            await table(name).createEntity({ partitionKey, rowKey, ...next });
          }
        },
      );
    },
  };
}
export type SearchStore = ReturnType<typeof createSearchStore>;
