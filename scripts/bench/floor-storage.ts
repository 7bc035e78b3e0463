import { randomBytes, randomUUID } from 'node:crypto';
import { TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';

type Row = Record<string, unknown>;

/**
 * The SDK calls the floors (floors.ts) are made of. Reads go to the app's own tables (the very rows the endpoint
 * reads). Writes go to one scratch table, with the real row's keys behind the name of its table («keyfiles|<NIT>»,
 * «idxhead|ce»): a row the app replaces is replaced in the scratch table too (the first time inserted), a row the
 * app inserts is a new scratch row, so the scratch table grows as the app's tables do, no faster.
 */
export async function createFloorStorage(connectionString: string, tablePrefix: string) {
  const tables = new Map<string, TableClient>();
  const t = (name: string) => {
    let client = tables.get(name);
    if (!client) {
      client = TableClient.fromConnectionString(connectionString, `${tablePrefix}${name}`, { allowInsecureConnection: true });
      tables.set(name, client);
    }
    return client;
  };
  const scratch = TableClient.fromConnectionString(connectionString, 'benchfloor', { allowInsecureConnection: true });
  await scratch.createTable();
  const queue = new QueueClient(connectionString, 'benchfloor');
  await queue.createIfNotExists();
  const esc = (value: string) => value.replace(/'/g, "''");
  const key = (table: string, partitionKey: string) => `${table}|${partitionKey}`;

  return {
    t,
    esc,
    unique: () => randomBytes(8).toString('hex'),
    /** A point read of the app's row; a missing row (404) is an answer too, as it is for the app. */
    maybe: (table: string, partitionKey: string, rowKey: string) =>
      t(table)
        .getEntity<Row>(partitionKey, rowKey)
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode === 404) return undefined;
          throw error;
        }),
    /** Every page of a query of the app's table (up to `max` rows), with the app's `$select` when it has one. */
    async query(table: string | TableClient, filter: string, options: { select?: string[]; max?: number } = {}) {
      const client = typeof table === 'string' ? t(table) : table;
      const rows: Row[] = [];
      const pages = client.listEntities<Row>({ queryOptions: { filter, ...(options.select && { select: options.select }) } }).byPage();
      for await (const page of pages) {
        rows.push(...page);
        if (options.max !== undefined && rows.length >= options.max) break;
      }
      return rows;
    },
    /** Insert (POST) of a new row, as the app's `insert`/`create`: a fresh key. */
    insert: (table: string, entity: Row) =>
      scratch.createEntity({ ...entity, partitionKey: key(table, randomUUID()), rowKey: randomUUID() } as TableEntity),
    /** Upsert or replace (PUT) of the app's row `table(partitionKey, rowKey)`. */
    put: (table: string, partitionKey: string, rowKey: string, entity: Row) =>
      scratch.upsertEntity({ ...entity, partitionKey: key(table, partitionKey), rowKey } as TableEntity, 'Replace'),
    /** An entity-group transaction on one partition of the app's table (upserts). */
    batch: (table: string, partitionKey: string, rows: { rowKey: string; entity: Row; create?: boolean }[]) =>
      scratch.submitTransaction(
        rows.map(({ rowKey, entity, create }): TransactionAction => {
          const row = { ...entity, partitionKey: key(table, partitionKey), rowKey } as TableEntity;
          return create ? ['create', row] : ['upsert', row, 'Replace'];
        }),
      ),
    /** A delete of a scratch row written before the timed part (see `prepare` in floors.ts). */
    remove: (table: string, partitionKey: string, rowKey: string) => scratch.deleteEntity(key(table, partitionKey), rowKey),
    /** A point read of a scratch row written before the timed part. */
    scratchRead: (table: string, partitionKey: string, rowKey: string) => scratch.getEntity<Row>(key(table, partitionKey), rowKey),
    /** A range count in a scratch partition (the rate limits: keys only, every page), as rate-limiter.ts counts. */
    async scratchCount(table: string, partitionKey: string, from: string, to: string) {
      const filter = `PartitionKey eq '${esc(key(table, partitionKey))}' and RowKey ge '${esc(from)}' and RowKey lt '${esc(to)}'`;
      let count = 0;
      for await (const _row of scratch.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) count++;
      return count;
    },
    scratchInsert: (table: string, partitionKey: string, rowKey: string, entity: Row = {}) =>
      scratch.createEntity({ ...entity, partitionKey: key(table, partitionKey), rowKey } as TableEntity),
    send: (bytes: number) => queue.sendMessage(Buffer.from('x'.repeat(bytes)).toString('base64')),
    async dispose() {
      await scratch.deleteTable().catch(() => undefined);
      await queue.deleteIfExists().catch(() => undefined);
    },
  };
}
export type FloorStorage = Awaited<ReturnType<typeof createFloorStorage>>;
