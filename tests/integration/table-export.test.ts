import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as tablesExport } from '../../functions/tables-export';
import type { Services } from '../../src/composition-root';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createStorage, tableNames, type Storage } from '../../src/platform/storage/storage';
import { exportTables } from '../../src/platform/storage/table-export';
import { folderSource } from '../../src/platform/storage/table-restore';
import { loadConfig } from '../../src/config';
import { bound, startTestServices, testEnv } from '../support/test-app';

const connection = () => testEnv().IHCE_STORAGE!;
const freshStorage = (prefix: string) => createStorage(loadConfig(testEnv({ STORAGE_PREFIX: prefix })));
const freshPrefix = () => `r${Math.random().toString(36).slice(2, 10)}`;
/** Every row of a table as the service stores it: typed values, without etag and Timestamp. */
async function rawRows(prefix: string, table: string) {
  const client = TableClient.fromConnectionString(connection(), `${prefix}${table}`, { allowInsecureConnection: true });
  const rows = [];
  for await (const { etag: _etag, timestamp: _timestamp, ...row } of client.listEntities({ disableTypeConversion: true })) rows.push(row);
  return rows;
}

// 01:30 in Bogotá on 28 November: the export runs after midnight there, and is named after that day.
const clock = { now: () => new Date('2026-11-28T06:30:00Z') };
let services: Services;
let prefix: string;
const DAY = '2026-11-28';

beforeAll(async () => {
  prefix = freshPrefix();
  services = await startTestServices({ env: { STORAGE_PREFIX: prefix }, overrides: { clock } });
  await services.audit.record({ subject: 'provider:900123456', action: 'llaves.asignadas', actor: 'funcionaria', detail: { n: 1 } });
  await services.audit.record({ subject: 'user:ana', action: 'ingreso.exitoso', actor: 'ana', ip: '198.51.100.7' });
  // A key file and rows of every type the table service keeps, written as the SDK writes them.
  const keyfiles = services.storage.tableOf<Record<string, unknown>>('keyfiles');
  await keyfiles.insert({
    partitionKey: '900123456',
    rowKey: 'keyfile',
    nit: '900123456',
    revision: 7,
    ratio: 2.5,
    big: 9_007_199_254_740_993n,
    active: true,
    issuedAt: new Date('2026-01-02T03:04:05.678Z'),
    blob: new Uint8Array([0, 1, 2, 250]),
    guid: { type: 'Guid', value: '6c0b7b2c-1c3e-4d7a-9f8e-0a1b2c3d4e5f' },
  });
  const many = services.storage.tableOf<{ n: number }>('reminderlog');
  for (const group of [0, 1]) {
    await many.transact(
      Array.from({ length: 100 }, (_, i) => ({
        kind: 'insert' as const,
        entity: { partitionKey: `p${group}`, rowKey: String(i).padStart(3, '0'), n: i },
      })),
    );
  }
});

const runTimer = () =>
  bound(tablesExport).handler(
    { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
    new InvocationContext({ functionName: tablesExport.name, logHandler: () => {} }),
  );

describe('nightly export and restore', () => {
  it('the timer exports every table to table-exports/<day in Bogotá>/, gzipped, with a manifest of counts and hashes', async () => {
    await runTimer();
    const container = BlobServiceClient.fromConnectionString(connection()).getContainerClient(`${prefix}-table-exports`);
    const manifest = JSON.parse((await container.getBlobClient(`${DAY}/manifest.json`).downloadToBuffer()).toString('utf8'));
    expect(manifest.tables.map((table: { name: string }) => table.name)).toEqual([...tableNames]);
    const rows = Object.fromEntries(manifest.tables.map((table: { name: string; rows: number }) => [table.name, table.rows]));
    expect(rows).toMatchObject({ audit: 2, keyfiles: 1, reminderlog: 200, accounts: 0 });
    for (const table of manifest.tables) expect(table.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('restores into empty storage row by row, types included; a second restore into it is refused', async () => {
    const target = freshPrefix();
    const storage: Storage = freshStorage(target);
    const report = await storage.restoreTables(services.storage.exportSource(DAY));
    expect(report.tables.find((table) => table.name === 'reminderlog')?.rows).toBe(200);
    for (const table of ['audit', 'keyfiles', 'reminderlog', 'accounts']) {
      expect(await rawRows(target, table)).toEqual(await rawRows(prefix, table));
    }
    const [keyFile] = await rawRows(target, 'keyfiles');
    expect(keyFile).toMatchObject({
      big: { type: 'Int64', value: '9007199254740993' },
      issuedAt: { type: 'DateTime', value: '2026-01-02T03:04:05.678Z' },
      blob: { type: 'Binary' },
      guid: { type: 'Guid' },
      ratio: { type: 'Double' },
    });

    await expect(storage.restoreTables(services.storage.exportSource(DAY))).rejects.toThrow(
      /no está vacío \(tablas con filas: audit, keyfiles, reminderlog\)/,
    );
    expect(await rawRows(target, 'reminderlog')).toHaveLength(200);
  });

  it('a file that does not match its hash in the manifest stops the restore before anything is written', async () => {
    const folder = await downloadExport();
    await writeFile(path.join(folder, 'audit.ndjson.gz'), gzipSync('{"PartitionKey":"x","RowKey":"y","properties":{}}\n'));
    const target = freshPrefix();
    await expect(freshStorage(target).restoreTables(folderSource(folder))).rejects.toThrow(
      /audit\.ndjson\.gz no coincide con la huella SHA-256/,
    );
    expect(await rawRows(target, 'keyfiles').catch(() => [])).toEqual([]);
  });

  it('when a table cannot be read, the export fails and writes no manifest (the day reads as incomplete)', async () => {
    const container = BlobServiceClient.fromConnectionString(connection()).getContainerClient(`${prefix}-table-exports`);
    const clientOf = (name: string) =>
      TableClient.fromConnectionString(connection(), `${prefix}${name === 'keyfiles' ? 'noexiste' : name}`, {
        allowInsecureConnection: true,
      });
    await expect(exportTables(['audit', 'keyfiles'], clientOf, container, '2026-11-27', () => new Date())).rejects.toThrow(
      'No se pudo exportar la tabla keyfiles.',
    );
    expect(await container.getBlobClient('2026-11-27/audit.ndjson.gz').exists()).toBe(true);
    expect(await container.getBlobClient('2026-11-27/manifest.json').exists()).toBe(false);
  });

  it('npm run restore loads a local copy into empty storage, prints the counts, and refuses the second time', async () => {
    const folder = await downloadExport();
    const run = promisify(execFile);
    const env = { ...process.env, ...testEnv({ STORAGE_PREFIX: freshPrefix() }) };
    const tsx = path.resolve('node_modules/.bin/tsx');
    const first = await run(tsx, ['scripts/restore.ts', '--from', folder], { env });
    expect(first.stdout).toContain('  reminderlog: 200 fila(s)');
    expect(first.stdout).toContain('  keyfiles: 1 fila(s)');
    const second = await run(tsx, ['scripts/restore.ts', '--from', folder], { env }).catch((error) => error);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('No se restauró nada: El destino no está vacío');
  });
});

/** The export of DAY as a local folder of the same layout (what `az storage blob download-batch` gives). */
async function downloadExport(): Promise<string> {
  const folder = path.join(await mkdtemp(path.join(tmpdir(), 'ihce-copia-')), DAY);
  await mkdir(folder);
  const container = BlobServiceClient.fromConnectionString(connection()).getContainerClient(`${prefix}-table-exports`);
  for await (const blob of container.listBlobsFlat({ prefix: `${DAY}/` })) {
    await writeFile(path.join(folder, blob.name.slice(DAY.length + 1)), await container.getBlobClient(blob.name).downloadToBuffer());
  }
  return folder;
}
