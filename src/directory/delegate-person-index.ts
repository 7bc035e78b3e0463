import type { Storage } from '../platform/storage/storage';
import { where } from '../platform/storage/filter';
import { writeGrouped } from './directory-bulk-write';
import { personKey } from './directory.repository';
import type { Delegate, Person } from './directory.schemas';

/** Row `_`/`built`: the index holds every delegate written before it existed (the backfill ran once). */
const indexRow = (delegate: Delegate) => ({ partitionKey: personKey(delegate), rowKey: delegate.nit });
const MARKER = { partitionKey: '_', rowKey: 'built' } as const;

/**
 * The delegates table is keyed by NIT; «¿Olvidó su usuario?» starts from a person. This index (`idxperson`:
 * partition = document type and number, row = NIT) is written beside every delegate the import saves or removes,
 * and filled once from the delegates table the first time it is read without its marker (directories loaded
 * before it existed). A row may outlive its delegate for a moment (a removal racing the backfill): readers
 * confirm each NIT with a point read of the delegate.
 */
export function createDelegatePersonIndex(storage: Storage, listDelegates: () => Promise<Delegate[]>) {
  const index = storage.tableOf<object>('idxperson');

  async function backfill(): Promise<void> {
    if (await index.get(MARKER.partitionKey, MARKER.rowKey)) return;
    for (const delegate of await listDelegates()) await index.upsert({ partitionKey: personKey(delegate), rowKey: delegate.nit });
    await index.upsert({ ...MARKER });
  }

  return {
    added: async (delegate: Delegate) => void (await index.upsert({ partitionKey: personKey(delegate), rowKey: delegate.nit })),
    removed: async (delegate: Delegate) => void (await index.delete(personKey(delegate), delegate.nit)),
    /** The rows of many delegates, grouped by person (batches of at most 100), `concurrency` at once. */
    addedMany: (list: readonly Delegate[], concurrency: number) => writeGrouped(index, list.map(indexRow), [], { concurrency }),
    removedMany: (list: readonly Delegate[], concurrency: number) => writeGrouped(index, [], list.map(indexRow), { concurrency }),
    backfill,
    /** The NITs this person is (or was a moment ago) a delegate of. */
    async nitsOf(person: Pick<Person, 'idType' | 'idNumber'>): Promise<string[]> {
      await backfill();
      const nits: string[] = [];
      for await (const row of index.query({ filter: where.inPartition(personKey(person)) })) nits.push(row.rowKey);
      return nits;
    },
  };
}
