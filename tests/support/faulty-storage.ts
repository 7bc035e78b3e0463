import type { Storage, TableName } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';

/**
 * `before-commit`: the transaction is refused, nothing lands. `after-commit`: it lands, then the answer is
 * lost (what a dropped connection after the commit looks like to the SDK). `after-commit-and-reads`: the
 * same, and from then on point reads fail too, so the caller cannot look to see what happened.
 */
export type TransactFault = 'none' | 'before-commit' | 'after-commit' | 'after-commit-and-reads';

export const lostAnswer = () => Object.assign(new Error('socket hang up'), { name: 'RestError', code: 'ECONNRESET' });

/** Wraps the storage gateway so one table's transactions fail as `state.fault` says; `reset()` ends it. */
export function faultyStorage(inner: Storage, table: TableName) {
  const state = { fault: 'none' as TransactFault, readsDown: false, commits: 0 };
  const storage: Storage = {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const real = inner.tableOf<T>(name);
      if (name !== table) return real;
      const wrapped: Table<T> = Object.create(real) as Table<T>;
      wrapped.transact = async (actions) => {
        if (state.fault === 'before-commit') throw lostAnswer();
        await real.transact(actions);
        state.commits++;
        if (state.fault === 'after-commit-and-reads') state.readsDown = true;
        if (state.fault !== 'none') throw lostAnswer();
      };
      wrapped.get = async (...args: Parameters<Table<T>['get']>) => {
        if (state.readsDown) throw lostAnswer();
        return real.get(...args);
      };
      return wrapped;
    },
  };
  return {
    storage,
    state,
    /** Runs `work` with the fault on, then turns it (and failing reads) off whatever happens. */
    async during<R>(fault: TransactFault, work: () => Promise<R>): Promise<R> {
      state.fault = fault;
      try {
        return await work();
      } finally {
        state.fault = 'none';
        state.readsDown = false;
      }
    },
  };
}
