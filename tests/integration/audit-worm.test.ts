import { readFileSync } from 'node:fs';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as outboxDispatch } from '../../functions/outbox-dispatch';
import type { AuditAction } from '../../src/audit/audit-actions';
import { AUDIT_WORM_MARKER } from '../../src/audit/audit-worm';
import { buildServices, type Services } from '../../src/composition-root';
import { freePort } from '../../scripts/local-stack';
import type { AppendLog } from '../../src/platform/storage/append-log';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createStorage, type Storage } from '../../src/platform/storage/storage';
import { loadConfig } from '../../src/config';
import { bound, startTestServices, testEnv } from '../support/test-app';

// 22:30 in Bogotá on 28 November is already the 29th in UTC: the blob is named after Bogotá's day.
let now = Date.parse('2026-11-29T03:30:00Z');
const clock = { now: () => new Date(now) };
const logs: string[] = [];
let storage: Storage;
let services: Services;
let container: ContainerClient;
/** While true, every append to the write-once container fails as an unreachable service would. */
let wormDown = false;

const text = async (name: string) => (await container.getBlobClient(name).downloadToBuffer()).toString('utf8');
const linesOf = async (name: string) =>
  (await text(name))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  const env = testEnv();
  storage = createStorage(loadConfig(env));
  const flaky = (real: AppendLog): AppendLog => ({
    name: real.name,
    append: (base, line) => (wormDown ? Promise.reject(new Error('connect ECONNREFUSED')) : real.append(base, line)),
  });
  services = await startTestServices({
    env: { STORAGE_PREFIX: env.STORAGE_PREFIX! },
    overrides: {
      clock,
      storage: { ...storage, appendLog: (name, options) => flaky(storage.appendLog(name, options)) },
      log: (message) => logs.push(message),
    },
  });
  container = BlobServiceClient.fromConnectionString(env.IHCE_STORAGE!).getContainerClient(`${env.STORAGE_PREFIX}-audit-worm`);
});

describe('the write-once copy of the audit', () => {
  it('each record is appended after its row, in order, to the blob of its day in Bogotá, with its row keys', async () => {
    for (const action of ['primero', 'segundo', 'tercero']) {
      await services.audit.record({
        subject: 'user:orden',
        action: action as AuditAction,
        actor: 'orden',
        ip: '198.51.100.7',
        detail: { paso: action },
      });
      now += 1;
    }
    const lines = await linesOf('2026/11/28.ndjson');
    expect(lines.map((line) => line.action)).toEqual(['primero', 'segundo', 'tercero']);
    expect(lines[0]).toMatchObject({ subject: 'user:orden', actor: 'orden', ip: '198.51.100.7', detail: { paso: 'primero' } });
    const rows = [];
    for await (const row of storage.tableOf('audit').query()) rows.push(`${row.partitionKey}/${row.rowKey}`);
    expect(lines.map((line) => `${line.partitionKey}/${line.rowKey}`).sort()).toEqual(rows.sort());
  });

  it('an append that fails leaves the row, raises the alarm marker, and the outbox timer appends it later', async () => {
    wormDown = true;
    await services.audit.record({ subject: 'user:caida', action: 'durante-la-caida' as AuditAction, actor: 'caida' });
    wormDown = false;
    expect(logs.some((message) => message.startsWith(`${AUDIT_WORM_MARKER}:`))).toBe(true);
    expect((await services.audit.list('user:caida')).map((record) => record.action)).toEqual(['durante-la-caida']);
    expect((await linesOf('2026/11/28.ndjson')).map((line) => line.action)).not.toContain('durante-la-caida');

    await bound(outboxDispatch).handler(
      { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
      new InvocationContext({ functionName: outboxDispatch.name, logHandler: () => {} }),
    );
    expect((await linesOf('2026/11/28.ndjson')).map((line) => line.action)).toContain('durante-la-caida');
    expect(await services.auditWorm.retryPending()).toBe(0);
  });
});

describe('with the blob service unreachable', () => {
  it('a record still returns at once (the append fails fast) and its line waits in auditpending', async () => {
    const env = testEnv();
    await createStorage(loadConfig(env)).ensureCreated();
    const dead = env.IHCE_STORAGE!.replace(/BlobEndpoint=http:\/\/127\.0\.0\.1:\d+/, `BlobEndpoint=http://127.0.0.1:${await freePort()}`);
    const storage = createStorage(loadConfig({ ...env, IHCE_STORAGE: dead }));
    const seen: string[] = [];
    // Its tables exist already (above); only the blob endpoint is dead.
    const cut = await buildServices(loadConfig(env), {
      storage: { ...storage, ensureCreated: async () => {} },
      log: (message) => seen.push(message),
    });
    const started = Date.now();
    await cut.audit.record({ subject: 'user:sin-blobs', action: 'ingreso.exitoso', actor: 'sin-blobs' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen.filter((message) => message.startsWith(AUDIT_WORM_MARKER))).toHaveLength(1);
    const pending = [];
    for await (const row of storage.tableOf('auditpending').query()) pending.push(row);
    expect(pending).toHaveLength(1);
  });
});

describe('the append-only writer', () => {
  it('rolls over to -2 once a blob holds maxBlocks blocks, and appends after what is there without replacing it', async () => {
    const existing = container.getAppendBlobClient('rollo/dia.ndjson');
    await existing.create();
    await existing.appendBlock('previo\n', 7);
    const log = storage.appendLog('audit-worm', { maxBlocks: 2 });
    const written = [];
    for (const line of ['a\n', 'b\n', 'c\n', 'd\n']) written.push(await log.append('rollo/dia', line));
    expect(written).toEqual(['rollo/dia.ndjson', 'rollo/dia-2.ndjson', 'rollo/dia-2.ndjson', 'rollo/dia-3.ndjson']);
    expect(await text('rollo/dia.ndjson')).toBe('previo\na\n');
    expect(await text('rollo/dia-2.ndjson')).toBe('b\nc\n');
  });

  it('a blob that is not an append blob is refused, not overwritten', async () => {
    await container.getBlockBlobClient('ajeno/dia.ndjson').upload('intacto\n', 8);
    await expect(storage.appendLog('audit-worm').append('ajeno/dia', 'x\n')).rejects.toThrow();
    expect(await text('ajeno/dia.ndjson')).toBe('intacto\n');
  });

  it('has no call that uploads, overwrites, copies over or deletes a blob', () => {
    // The only module that holds a blob client for the audit: audit-worm.ts reaches it through `append` alone.
    const source = readFileSync(new URL('../../src/platform/storage/append-log.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/\.appendBlock\(/);
    expect(source).not.toMatch(
      /\.(upload\w*|delete\w*|commitBlockList|stageBlock\w*|\w*[Cc]opyFromURL|setTier|setImmutabilityPolicy|setLegalHold)\(/,
    );
  });
});
