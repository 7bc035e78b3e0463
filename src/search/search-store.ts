import { forEachLimited } from '../kernel/concurrency';
import { ConcurrencyError, retryOnConflict } from '../platform/storage/concurrency';
import { where, type Filter } from '../platform/storage/filter';
import { partitionBatches } from '../platform/storage/keys';
import type { Storage } from '../platform/storage/storage';
import type { Row, RowKeys, Table, Version } from '../platform/storage/table';
import { CARD, unpack, type IndexedProvider, type searchTables } from './search-rows';

export type IndexTable = (typeof searchTables)[number];
/** The rows a read covers: one partition (all of it, or the rows whose key starts with `rowPrefix`), or the partitions whose key starts with `partitionPrefix`. */
export type KeyRange = { partition: string; rowPrefix?: string } | { partitionPrefix: string };
type Properties = Record<string, unknown>;
/** What a read-modify-write makes of a row: new properties, its deletion, or nothing. */
type Change = Properties | 'delete' | undefined;

/** A write lost to a concurrent writer: `retryOnConflict` runs the read-modify-write again. */
const conflict = () => new ConcurrencyError('El índice cambió mientras se escribía.');

/** Above every character a key holds: `[prefix, prefix + END)` is every key that starts with `prefix`. */
const END = '\uffff';
function filterOf(range: KeyRange): Filter {
  if ('partitionPrefix' in range) return where.partitionKeyRange(range.partitionPrefix, `${range.partitionPrefix}${END}`);
  const partition = where.inPartition(range.partition);
  return range.rowPrefix === undefined ? partition : where.and(partition, where.rowKeyRange(range.rowPrefix, `${range.rowPrefix}${END}`));
}

/** The reads and writes the search index makes, on its own tables. */
export function createSearchStore(storage: Storage) {
  const table = <T extends object = Properties>(name: IndexTable): Table<T> => storage.tableOf<T>(name);
  const get = <T extends object>(name: IndexTable, partitionKey: string, rowKey: string) => table<T>(name).get(partitionKey, rowKey);

  const readCard = async (nit: string) => {
    const row = await get<Properties>('idxnit', nit, CARD);
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

    async all<T extends object>(name: IndexTable, range: KeyRange): Promise<Row<T>[]> {
      const rows: Row<T>[] = [];
      for await (const row of table<T>(name).query({ filter: filterOf(range) })) rows.push(row);
      return rows;
    },

    /** One page of a query and the cursor of the next; a cursor not issued here is the invalid-cursor 400. */
    async page<T extends object>(name: IndexTable, range: KeyRange, pageSize: number, cursor?: string) {
      const found = await table<T>(name).page({ filter: filterOf(range), pageSize, ...(cursor && { cursor }) });
      return { rows: found.rows, token: found.cursor };
    },

    upsert: async (name: IndexTable, row: RowKeys & Properties) => void (await table(name).upsert(row)),
    /** Creates a row; if it is there already, a concurrent writer came first (ConcurrencyError). */
    async create(name: IndexTable, row: RowKeys & Properties) {
      if ((await table(name).insert(row)).status === 'exists') throw conflict();
    },
    /** Overwrites the row read at `version`; ConcurrencyError if it changed or went away since. */
    replace: async (name: IndexTable, row: RowKeys & Properties, version: Version) => void (await table(name).replace(row, version)),
    /** Deletes a row; one already gone is not an error. */
    remove: async (name: IndexTable, partitionKey: string, rowKey: string) => void (await table(name).delete(partitionKey, rowKey)),
    /** Empties a table; answers how many rows it held. */
    async clear(name: IndexTable): Promise<number> {
      const rows: RowKeys[] = [];
      for await (const { partitionKey, rowKey } of table(name).query({ select: [] })) rows.push({ partitionKey, rowKey });
      await forEachLimited(partitionBatches(rows), 8, (batch) =>
        table(name).transact(batch.map((row) => ({ kind: 'delete' as const, ...row }))),
      );
      return rows.length;
    },
    /** Upserts many rows, a transaction per partition (at most 100 rows each). */
    async batched(name: IndexTable, rows: (RowKeys & Properties)[]) {
      await forEachLimited(partitionBatches(rows), 8, (batch) =>
        batch.length === 1
          ? table(name).upsert(batch[0]!)
          : table(name).transact(batch.map((entity) => ({ kind: 'upsert' as const, entity }))),
      );
    },

    /**
     * Read, change, write back at the row's version (create if missing); `change` answers undefined when
     * there is nothing to write. Concurrent writers retry, so none of them is lost.
     */
    mutate<T extends Properties>(
      name: IndexTable,
      partitionKey: string,
      rowKey: string,
      change: (current: Row<T> | undefined) => Change | Promise<Change>,
    ) {
      return retryOnConflict(
        async () => {
          const rows = table(name);
          const current = await get<T>(name, partitionKey, rowKey);
          const next = await change(current);
          if (next === 'delete') {
            if (current && (await rows.delete(partitionKey, rowKey, current.version)) !== 'deleted') throw conflict();
          } else if (next && current) {
            await rows.replace({ partitionKey, rowKey, ...next }, current.version);
          } else if (next && (await rows.insert({ partitionKey, rowKey, ...next })).status === 'exists') {
            throw conflict();
          }
        },
        { failure: `No se pudo actualizar el índice de búsqueda (${partitionKey}) tras varios intentos concurrentes.` },
      );
    },
  };
}
export type SearchStore = ReturnType<typeof createSearchStore>;
