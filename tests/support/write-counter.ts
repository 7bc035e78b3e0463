import type { Queue } from '../../src/platform/storage/queue';
import type { Storage, TableName } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';

const GATEWAY_TABLE_WRITES = new Set(['insert', 'upsert', 'update', 'replace', 'delete', 'transact']);
const GATEWAY_QUEUE_WRITES = new Set(['send', 'delete', 'update']);

/**
 * Wraps the app's Storage gateway (the only way the app reaches storage) so a test can see every write it makes (table by table, queue by queue), to
 * prove that a refused request wrote nothing. The real clients still do the work against Azurite.
 */
export function countingStorage(inner: Storage) {
  const writes = new Map<string, number>();
  const bump = (key: string) => writes.set(key, (writes.get(key) ?? 0) + 1);
  const wrap = <T extends object>(target: T, label: string, methods: Set<string>): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        if (!methods.has(String(property))) return value.bind(object);
        return (...args: unknown[]) => {
          bump(label);
          return value.apply(object, args);
        };
      },
    });
  const storage: Storage = {
    ...inner,
    tableOf: <T extends object>(name: TableName) => wrap<Table<T>>(inner.tableOf<T>(name), `tabla:${name}`, GATEWAY_TABLE_WRITES),
    queueOf: (name) => wrap<Queue>(inner.queueOf(name), `cola:${name}`, GATEWAY_QUEUE_WRITES),
  };
  return {
    storage,
    /** A copy of the counts so far. */
    snapshot: () => new Map(writes),
    /** What was written since `before`, leaving out the tables named in `allowed`. */
    since(before: Map<string, number>, allowed: string[] = []): Record<string, number> {
      const delta: Record<string, number> = {};
      for (const [key, count] of writes) {
        const added = count - (before.get(key) ?? 0);
        if (added > 0 && !allowed.includes(key)) delta[key] = added;
      }
      return delta;
    },
  };
}
