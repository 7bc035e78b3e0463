import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { ConcurrencyError, isStatus } from './concurrency';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor';
import type { DeleteResult, Entity, QueryOptions, Row, Table, TableAction, UpdateResult, Version, WriteMode } from './table';

const sdkMode = (mode: WriteMode | undefined) => (mode === 'merge' ? 'Merge' : 'Replace');
const asVersion = (etag: string | undefined) => etag as Version;

function toRow<T extends object>(entity: object): Row<T> {
  const { etag, ...rest } = entity as { etag?: string };
  return { ...rest, version: asVersion(etag) } as Row<T>;
}

const RESERVED = ['version', 'etag', 'timestamp'];

/** The type forbids them; this catches a caller that bypassed it (a row spread from another one, say). */
function writable<E extends object>(entity: E): E {
  const reserved = RESERVED.find((name) => Object.hasOwn(entity, name));
  if (reserved) throw new Error(`La propiedad «${reserved}» es del almacenamiento y no se puede guardar en una fila.`);
  return entity;
}

function queryOptions<T extends object>(options: QueryOptions<T> | undefined) {
  return {
    ...(options?.filter && { filter: options.filter.text }),
    ...(options?.select && { select: ['PartitionKey', 'RowKey', ...options.select] }),
  };
}

function conflictOf(error: unknown): ConcurrencyError | undefined {
  if (isStatus(error, 409)) return new ConcurrencyError('La fila ya existe.', { cause: error });
  if (isStatus(error, 412)) return new ConcurrencyError('La fila cambió desde que se leyó.', { cause: error });
  if (isStatus(error, 404)) return new ConcurrencyError('La fila ya no existe.', { cause: error });
  return undefined;
}

function toSdkAction<T extends object>(action: TableAction<T>): TransactionAction {
  switch (action.kind) {
    case 'insert':
      return ['create', writable(action.entity)];
    case 'upsert':
      return ['upsert', writable(action.entity), sdkMode(action.mode)];
    case 'update':
      return [
        'update',
        writable(action.entity) as TableEntity,
        sdkMode(action.mode),
        ...(action.version ? [{ etag: action.version }] : []),
      ] as TransactionAction;
    case 'delete':
      return [
        'delete',
        { partitionKey: action.partitionKey, rowKey: action.rowKey },
        ...(action.version ? [{ etag: action.version }] : []),
      ] as TransactionAction;
  }
}

const keysOf = (action: TableAction<object>) => (action.kind === 'delete' ? action : action.entity);

/** The `Table` gateway over one SDK client, which `clientOf` builds (loading the SDK) on the first operation. */
export function createTable<T extends object>(name: string, clientOf: () => Promise<TableClient>): Table<T> {
  const table: Table<T> = {
    name,

    async get(partitionKey, rowKey) {
      const client = await clientOf();
      try {
        return toRow<T>(await client.getEntity(partitionKey, rowKey));
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
    },

    async *query(options) {
      const client = await clientOf();
      for await (const entity of client.listEntities({ queryOptions: queryOptions(options) })) yield toRow<T>(entity);
    },

    async page(options) {
      const continuationToken = options.cursor ? decodeCursor(options.cursor) : undefined;
      const client = await clientOf();
      const pages = client
        .listEntities({ queryOptions: queryOptions(options) })
        .byPage({ maxPageSize: options.pageSize, ...(continuationToken && { continuationToken }) });
      for (;;) {
        const { value } = await pages.next().catch((error: unknown) => {
          const refused = error instanceof SyntaxError || error instanceof TypeError || isStatus(error, 400);
          throw continuationToken && refused ? invalidCursor() : error;
        });
        const rows = value ? [...value].map((entity) => toRow<T>(entity)) : [];
        const next = value?.continuationToken;
        if (rows.length > 0 || !next) return { rows, ...(next && { cursor: encodeCursor(next) }) };
      }
    },

    async insert(entity) {
      const client = await clientOf();
      try {
        return { status: 'inserted', version: asVersion((await client.createEntity(writable(entity))).etag) };
      } catch (error) {
        if (isStatus(error, 409)) return { status: 'exists' };
        throw error;
      }
    },

    async upsert(entity, mode) {
      const client = await clientOf();
      return asVersion((await client.upsertEntity(writable(entity), sdkMode(mode))).etag);
    },

    async update(entity, options): Promise<UpdateResult> {
      const client = await clientOf();
      try {
        const result = await client.updateEntity(
          writable(entity) as TableEntity,
          sdkMode(options?.mode),
          options?.version && { etag: options.version },
        );
        return { status: 'updated', version: asVersion(result.etag) };
      } catch (error) {
        if (isStatus(error, 404)) return { status: 'missing' };
        if (isStatus(error, 412)) return { status: 'changed' };
        throw error;
      }
    },

    async replace(entity: Entity<T>, version: Version) {
      const result = await table.update(entity, { mode: 'replace', version });
      if (result.status === 'updated') return result.version;
      throw new ConcurrencyError(result.status === 'missing' ? 'La fila ya no existe.' : 'La fila cambió desde que se leyó.');
    },

    async delete(partitionKey, rowKey, version): Promise<DeleteResult> {
      const client = await clientOf();
      try {
        await client.deleteEntity(partitionKey, rowKey, version && { etag: version });
        return 'deleted';
      } catch (error) {
        if (isStatus(error, 404)) return 'missing';
        if (isStatus(error, 412)) return 'changed';
        throw error;
      }
    },

    async transact(actions) {
      if (actions.length === 0) return;
      const partitionKey = keysOf(actions[0]!).partitionKey;
      if (actions.length > 100 || actions.some((action) => keysOf(action).partitionKey !== partitionKey)) {
        throw new Error('Una transacción abarca una sola partición y a lo sumo 100 filas (use partitionBatches).');
      }
      const client = await clientOf();
      try {
        await client.submitTransaction(actions.map(toSdkAction));
      } catch (error) {
        throw conflictOf(error) ?? error;
      }
    },
  };
  return table;
}
