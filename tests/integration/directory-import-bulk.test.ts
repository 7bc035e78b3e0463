import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createDirectoryImport } from '../../src/directory/directory-import.service';
import { personKey } from '../../src/directory/directory.repository';
import { createDirectoryTableRepository } from '../../src/directory/directory.table-repository';
import { createStorage, type Storage, type TableName } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';
import {
  delegatesCsv,
  officerFixture,
  officersCsv,
  providerFixture,
  providersCsv,
  type ProviderFixture,
} from '../support/directory-fixtures';
import { startTestServices, testEnv, uniqueIdNumber } from '../support/test-app';

/** Every row write that landed (upsert, delete, or an action of a committed transaction), as `table pk/rk`. */
function countingStorage(inner: Storage) {
  const writes: string[] = [];
  const storage: Storage = {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const real = inner.tableOf<T>(name);
      const wrapped: Table<T> = Object.create(real) as Table<T>;
      const note = (pk: string, rk: string) => writes.push(`${name} ${pk}/${rk}`);
      wrapped.upsert = async (entity, mode) => {
        const version = await real.upsert(entity, mode);
        note(entity.partitionKey, entity.rowKey);
        return version;
      };
      wrapped.delete = async (pk, rk, version) => {
        const result = await real.delete(pk, rk, version);
        note(pk, rk);
        return result;
      };
      wrapped.transact = async (actions) => {
        await real.transact(actions);
        for (const action of actions) {
          const keys = 'entity' in action ? action.entity : action;
          note(keys.partitionKey, keys.rowKey);
        }
      };
      return wrapped;
    },
  };
  return { storage, writes };
}

const prefix = `tb${randomBytes(4).toString('hex')}`;
let storage: Storage;
let writes: string[];

beforeAll(async () => {
  await startTestServices({ env: { STORAGE_PREFIX: prefix } }); // creates the tables
  ({ storage, writes } = countingStorage(createStorage(loadConfig(testEnv({ STORAGE_PREFIX: prefix })))));
});

const withDelegates = (provider: ProviderFixture, count: number): ProviderFixture[] =>
  Array.from({ length: count }, (_, i) => ({
    ...provider,
    delegate: { ...provider.delegate, idNumber: uniqueIdNumber(), email: `d${i}.${provider.nit}@pruebas.example` },
  }));
const tally = (list: string[], table: string) => list.filter((w) => w.startsWith(`${table} `)).length;

describe('directory import, batched and in parallel', () => {
  it('writes each changed row exactly once and removes every absent delegate (with its person index row) and officer', async () => {
    const directory = createDirectoryTableRepository(storage);
    const directoryImport = createDirectoryImport(directory);
    const [a, b, c] = [providerFixture('A'), providerFixture('B'), providerFixture('C')];
    // 150 delegates of one NIT: two transactions (100 + 50) of one partition; 120 officers: 100 + 20.
    const first = [...withDelegates(a, 150), ...withDelegates(b, 3), c];
    const officers = Array.from({ length: 120 }, officerFixture);
    const progress: [number, number][] = [];
    const created = await directoryImport.importFiles(
      { providers: providersCsv([a, b, c]), delegates: delegatesCsv(first), officers: officersCsv(officers) },
      { onProgress: (done, total) => void progress.push([done, total]) },
    );
    expect(created.map((r) => [r.kind, r.created])).toEqual([
      ['providers', 3],
      ['delegates', 154],
      ['officers', 120],
    ]);
    expect(new Set(writes).size).toBe(writes.length);
    expect([tally(writes, 'providers'), tally(writes, 'delegates'), tally(writes, 'idxperson'), tally(writes, 'officers')]).toEqual([
      3, 154, 154, 120,
    ]);
    expect(progress[0]).toEqual([0, 277]);
    expect(progress.at(-1)).toEqual([277, 277]);
    expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);

    // A keeps 50 of its 150 (its removals share transactions with nobody kept), B loses all 3, C stays; 20 officers leave.
    writes.length = 0;
    const kept = [...first.slice(0, 50), c];
    const gone = first.slice(50, 153);
    const [delegates, officersReport] = await directoryImport.importFiles({
      delegates: delegatesCsv(kept),
      officers: officersCsv(officers.slice(0, 100)),
    });
    expect(delegates).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 51, removed: 103 });
    expect(officersReport).toMatchObject({ imported: true, unchanged: 100, removed: 20 });
    expect(new Set(writes).size).toBe(writes.length);
    expect([tally(writes, 'delegates'), tally(writes, 'idxperson'), tally(writes, 'officers')]).toEqual([103, 103, 20]);

    const key = (p: ProviderFixture) => `${p.nit}/${personKey(p.delegate)}`;
    const stored = (await directory.listDelegates()).map((d) => `${d.nit}/${personKey(d)}`);
    expect(stored.sort()).toEqual(kept.map(key).sort());
    const index = storage.tableOf('idxperson');
    for (const p of gone) expect(await index.get(personKey(p.delegate), p.nit)).toBeUndefined();
    for (const p of kept) expect(await index.get(personKey(p.delegate), p.nit)).toBeDefined();
    expect((await directory.listOfficers()).map(personKey).sort()).toEqual(officers.slice(0, 100).map(personKey).sort());
  });
});
