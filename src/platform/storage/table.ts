import type { Filter } from './filter';

declare const versionBrand: unique symbol;
/** Which state of a row was read; a write under it fails if someone wrote the row since. Opaque. */
export type Version = string & { readonly [versionBrand]: true };

export type RowKeys = { partitionKey: string; rowKey: string };
/**
 * What is written: the row's keys and its properties. `version`, `etag` and `timestamp` are the store's own: a
 * row read back carries its version under that name, so a stored property so named would be lost on reading.
 */
export type Entity<T extends object> = RowKeys & T & { version?: never; etag?: never; timestamp?: never };
/** What is read back: the stored properties (unchecked: repositories parse them), its keys and version. */
export type Row<T extends object> = RowKeys & T & { version: Version; timestamp?: string };

export type WriteMode = 'merge' | 'replace';

export type InsertResult = { status: 'inserted'; version: Version } | { status: 'exists' };
/** `missing`: no such row; `changed`: it was written since `version` was read. */
export type UpdateResult = { status: 'updated'; version: Version } | { status: 'missing' } | { status: 'changed' };
export type DeleteResult = 'deleted' | 'missing' | 'changed';

export type QueryOptions<T extends object> = {
  filter?: Filter;
  /** Properties to read (the keys and the version always come). */
  select?: readonly (keyof T & string)[];
};
export type Page<T extends object> = { rows: Row<T>[]; cursor?: string };

export type TableAction<T extends object> =
  | { kind: 'insert'; entity: Entity<T> }
  | { kind: 'upsert'; entity: Entity<T>; mode?: WriteMode }
  | { kind: 'update'; entity: RowKeys & Partial<T>; mode?: WriteMode; version?: Version }
  | { kind: 'delete'; partitionKey: string; rowKey: string; version?: Version };

/**
 * One table, rows typed as `T`. The only way features reach Table Storage: no SDK type, status code or
 * ETag crosses this boundary. Transport failures (storage down) are thrown as they come, for the HTTP
 * layer's 503.
 */
export interface Table<T extends object> {
  readonly name: string;
  /** Point read; `undefined` when there is no such row. */
  get(partitionKey: string, rowKey: string): Promise<Row<T> | undefined>;
  /** Every row that matches, fetched page by page as the loop asks. */
  query(options?: QueryOptions<T>): AsyncIterable<Row<T>>;
  /**
   * One page of at most `pageSize` rows and the cursor of the next, if any. Empty pages the service answers
   * at partition boundaries are followed, so no rows means none. A cursor not issued here throws the 400.
   */
  page(options: QueryOptions<T> & { pageSize: number; cursor?: string }): Promise<Page<T>>;
  /** Creates the row; `exists` when a row with these keys is already there. */
  insert(entity: Entity<T>): Promise<InsertResult>;
  /** Creates or overwrites the row (`replace`, the default) or merges these properties into it. */
  upsert(entity: Entity<T>, mode?: WriteMode): Promise<Version>;
  /** Writes an existing row, under `version` when given; reports what stopped it. */
  update(entity: RowKeys & Partial<T>, options?: { mode?: WriteMode; version?: Version }): Promise<UpdateResult>;
  /** Overwrites the row read at `version`; throws ConcurrencyError if it changed or went away since. */
  replace(entity: Entity<T>, version: Version): Promise<Version>;
  /** Deletes the row (only if still at `version`, when given). A missing row is not an error. */
  delete(partitionKey: string, rowKey: string, version?: Version): Promise<DeleteResult>;
  /**
   * All or nothing, in one partition, at most 100 actions (see `partitionBatches`). Throws ConcurrencyError
   * when an insert finds its row, or a versioned write finds it changed or gone.
   */
  transact(actions: readonly TableAction<T>[]): Promise<void>;
}
