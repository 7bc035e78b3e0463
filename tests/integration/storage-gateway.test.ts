import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ConcurrencyError, retryOnConflict } from '../../src/platform/storage/concurrency';
import { where } from '../../src/platform/storage/filter';
import { partitionBatches } from '../../src/platform/storage/keys';
import { createStorage, type Storage } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';
import { testEnv } from '../support/test-app';

type Note = { text: string; count?: number };

let storage: Storage;
let notes: Table<Note>;
const partition = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  storage = createStorage(loadConfig(testEnv()));
  await storage.ensureCreated();
  // Any of the application's tables will do: the prefix of this file keeps them apart.
  notes = storage.tableOf<Note>('audit');
});

describe('storage gateway: tables', () => {
  it('a value with quotes is matched exactly, and a quote cannot widen the filter', async () => {
    const pk = partition('comillas');
    await notes.insert({ partitionKey: pk, rowKey: "D'Costa", text: "O'Brien dijo 'hola'" });
    await notes.insert({ partitionKey: pk, rowKey: 'otro', text: 'nada' });
    const found = [];
    for await (const row of notes.query({ filter: where.and(where.inPartition(pk), where.property('text', 'eq', "O'Brien dijo 'hola'")) }))
      found.push(row.rowKey);
    expect(found).toEqual(["D'Costa"]);
    const injected = [];
    for await (const row of notes.query({ filter: where.and(where.inPartition(pk), where.rowKey('eq', "x' or RowKey ne 'x")) }))
      injected.push(row.rowKey);
    expect(injected).toEqual([]);
  });

  it('or inside and keeps its meaning (parenthesised), and key ranges are half-open', async () => {
    const pk = partition('rangos');
    for (const rowKey of ['a', 'b', 'c', 'd']) await notes.insert({ partitionKey: pk, rowKey, text: rowKey });
    await notes.insert({ partitionKey: `${pk}-vecina`, rowKey: 'c', text: 'de otra partición' });
    const rows = [];
    const filter = where.and(where.inPartition(pk), where.or(where.rowKey('eq', 'a'), where.rowKeyRange('c', 'd')));
    for await (const row of notes.query({ filter })) rows.push(`${row.partitionKey}/${row.rowKey}`);
    expect(rows).toEqual([`${pk}/a`, `${pk}/c`]);
  });

  it('pages follow the cursor to the end, and a forged cursor answers the one 400 in Spanish', async () => {
    const pk = partition('paginas');
    const batch = Array.from({ length: 7 }, (_, i) => ({ partitionKey: pk, rowKey: String(i), text: `n${i}` }));
    for (const group of partitionBatches(batch)) await notes.transact(group.map((entity) => ({ kind: 'insert' as const, entity })));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await notes.page({ filter: where.inPartition(pk), pageSize: 3, ...(cursor && { cursor }) });
      seen.push(...page.rows.map((row) => row.rowKey));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(pages).toBe(3);
    const refusal = { status: 400, code: 'cursor-invalido', message: 'El cursor de paginación no es válido. Vuelva a la primera página.' };
    for (const forged of ['{nope', 'bm8tZXMtdW4tY3Vyc29y', Buffer.from('{"x":1}').toString('base64url')]) {
      await expect(notes.page({ filter: where.inPartition(pk), pageSize: 3, cursor: forged })).rejects.toMatchObject(refusal);
    }
  });

  it("a row that carries the store's own names (version, etag, timestamp) is refused before anything is written", async () => {
    const pk = partition('reservado');
    const read = await notes.upsert({ partitionKey: pk, rowKey: 'r', text: 'uno' }).then(() => notes.get(pk, 'r'));
    // Written back as read, its version would be stored as a property and lost under the next read's version.
    await expect(notes.upsert({ ...read!, text: 'dos' } as never)).rejects.toThrow(/«version»/);
    await expect(
      notes.transact([{ kind: 'upsert', entity: { partitionKey: pk, rowKey: 's', text: 'x', etag: '*' } as never }]),
    ).rejects.toThrow(/«etag»/);
    expect((await notes.get(pk, 'r'))?.text).toBe('uno');
    expect(await notes.get(pk, 's')).toBeUndefined();
  });

  it('a point read of a missing row is undefined; an insert over an existing one reports it', async () => {
    const pk = partition('lectura');
    expect(await notes.get(pk, 'no-existe')).toBeUndefined();
    expect((await notes.insert({ partitionKey: pk, rowKey: 'uno', text: 'a' })).status).toBe('inserted');
    expect(await notes.insert({ partitionKey: pk, rowKey: 'uno', text: 'b' })).toEqual({ status: 'exists' });
    const row = await notes.get(pk, 'uno');
    expect(row).toMatchObject({ partitionKey: pk, rowKey: 'uno', text: 'a', version: expect.any(String) });
    expect(row).not.toHaveProperty('etag');
  });

  it('a write or delete under a stale version is refused and changes nothing; a missing row is not an error', async () => {
    const pk = partition('version');
    await notes.insert({ partitionKey: pk, rowKey: 'r', text: 'primera' });
    const stale = (await notes.get(pk, 'r'))!.version;
    const fresh = await notes.replace({ partitionKey: pk, rowKey: 'r', text: 'segunda' }, stale);
    await expect(notes.replace({ partitionKey: pk, rowKey: 'r', text: 'perdida' }, stale)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await notes.update({ partitionKey: pk, rowKey: 'r', text: 'perdida' }, { version: stale })).toEqual({ status: 'changed' });
    expect(await notes.delete(pk, 'r', stale)).toBe('changed');
    expect((await notes.get(pk, 'r'))?.text).toBe('segunda');
    expect(await notes.delete(pk, 'r', fresh)).toBe('deleted');
    expect(await notes.delete(pk, 'r', fresh)).toBe('missing');
    expect(await notes.delete(pk, 'r')).toBe('missing');
    expect(await notes.update({ partitionKey: pk, rowKey: 'r', text: 'x' }, { mode: 'merge' })).toEqual({ status: 'missing' });
  });

  it('concurrent read-modify-write loops under retryOnConflict lose no increment', async () => {
    const pk = partition('contador');
    await notes.insert({ partitionKey: pk, rowKey: 'c', text: 'contador', count: 0 });
    const increment = () =>
      retryOnConflict(
        async () => {
          const row = (await notes.get(pk, 'c'))!;
          await notes.replace({ partitionKey: pk, rowKey: 'c', text: row.text, count: (row.count ?? 0) + 1 }, row.version);
        },
        { failure: 'demasiados intentos' },
      );
    await Promise.all(Array.from({ length: 8 }, increment));
    expect((await notes.get(pk, 'c'))?.count).toBe(8);
  });

  it('retryOnConflict gives up with its failure after the given attempts, and rethrows other errors at once', async () => {
    let tries = 0;
    const alwaysStale = () =>
      retryOnConflict(
        async () =>
          void (
            tries++,
            (() => {
              throw new ConcurrencyError('x');
            })()
          ),
        { failure: 'se rindió', attempts: 3 },
      );
    await expect(alwaysStale()).rejects.toThrow('se rindió');
    expect(tries).toBe(3);
    let other = 0;
    await expect(
      retryOnConflict(
        async () =>
          void (
            other++,
            (() => {
              throw new Error('otra');
            })()
          ),
        { failure: 'no' },
      ),
    ).rejects.toThrow('otra');
    expect(other).toBe(1);
  });

  it('a transaction is all or nothing, and refuses two partitions or more than 100 rows', async () => {
    const pk = partition('transaccion');
    await notes.insert({ partitionKey: pk, rowKey: 'ya', text: 'existe' });
    const actions = [
      { kind: 'insert' as const, entity: { partitionKey: pk, rowKey: 'nueva', text: 'n' } },
      { kind: 'insert' as const, entity: { partitionKey: pk, rowKey: 'ya', text: 'choca' } },
    ];
    await expect(notes.transact(actions)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await notes.get(pk, 'nueva')).toBeUndefined();
    const twoPartitions = [actions[0]!, { kind: 'delete' as const, partitionKey: `${pk}x`, rowKey: 'ya' }];
    await expect(notes.transact(twoPartitions)).rejects.toThrow('una sola partición');
    expect(partitionBatches(Array.from({ length: 250 }, (_, i) => ({ partitionKey: i % 2 ? 'a' : 'b' }))).map((b) => b.length)).toEqual([
      100, 25, 100, 25,
    ]);
  });
});

describe('storage gateway: queues and ping', () => {
  it('sends, receives, hides, requeues, counts and deletes', async () => {
    const queue = storage.queueOf('notifications-poison');
    await queue.send('uno');
    await queue.send('tarde', { visibilityTimeoutSeconds: 60, ttlSeconds: 120 });
    expect(await queue.count()).toBe(2);
    expect((await queue.peek()).map((m) => m.text)).toEqual(['uno']);
    const [message] = await queue.receive({ max: 32, visibilityTimeoutSeconds: 30 });
    expect(message).toMatchObject({ text: 'uno', dequeueCount: 1 });
    expect(await queue.receive({ max: 32, visibilityTimeoutSeconds: 30 })).toEqual([]);
    const requeued = await queue.update(message!, { visibilityTimeoutSeconds: 0 });
    const [again] = await queue.receive({ max: 32, visibilityTimeoutSeconds: 30 });
    expect(again).toMatchObject({ id: requeued.id, text: 'uno', dequeueCount: 2 });
    await queue.delete(again!);
    expect(await queue.count()).toBe(1);
  });

  it('ping answers while storage is up', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
  });
});
