import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { startQueueWorker } from '../../scripts/local-host/queue-worker';
import { definition as directoryImportsCreate } from '../../functions/directory-imports-create';
import { definition as directoryImportsFail } from '../../functions/directory-imports-fail';
import { definition as directoryImportsRun } from '../../functions/directory-imports-run';
import { definition as directoryUploadsCreate } from '../../functions/directory-uploads-create';
import { definition as directoryUploadsGet } from '../../functions/directory-uploads-get';
import { functionDefinitions } from '../../functions/definitions';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { POISONED_REASON } from '../../src/directory/directory-upload-poison';
import { createDirectoryUploadTable } from '../../src/directory/directory-upload.repository';
import { DIRECTORY_IMPORT_SUBJECT } from '../../src/directory/import-audit';
import { bindFunction } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createStorage, type Storage, type TableName } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';
import { signedInOfficer } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';

const officer = officerFixture();
let env: Record<string, string>;
let services: Services;
let cookie: string;

beforeAll(async () => {
  env = testEnv();
  services = await buildServices(loadConfig(env), { log: () => {} });
  await services.storage.ensureCreated();
  useTestServices(services);
  await seedDirectory(services, [providerFixture('Envenenada Sigue')], [officer]);
  ({ cookie } = await signedInOfficer(services, officer));
});

const providerLine = (p: ProviderFixture) => `${p.nit};${p.name};${p.habilitationCode};Cundinamarca;Chía;contacto.${p.nit}@pruebas.example`;
const providersFile = (...providers: ProviderFixture[]) =>
  iconv.encode(
    ['nit;razon_social;codigo_habilitacion;departamento;municipio;correo', ...providers.map(providerLine)].join('\r\n'),
    'win1252',
  );

async function upload(bytes: Uint8Array) {
  const form = new FormData();
  form.append('prestadores', new Blob([bytes as BlobPart]), 'prestadores.csv');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const rawBody = new Uint8Array(await request.arrayBuffer());
  return call(directoryUploadsCreate, { rawBody, headers: { 'content-type': request.headers.get('content-type')! }, cookie });
}
const apply = (uploadId: string) => call(directoryImportsCreate, { body: { uploadId }, cookie });
const status = (id: string) => call(directoryUploadsGet, { path: `directory/uploads/${id}`, params: { id }, cookie });

/** The storage gateway with the providers table's writes failing after the first (a worker that dies every time). */
function failingAfterFirstWrite(inner: Storage, table: TableName): Storage {
  let count = 0;
  return {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const real = inner.tableOf<T>(name);
      if (name !== table) return real;
      const wrapped: Table<T> = Object.create(real) as Table<T>;
      wrapped.upsert = async (...args: Parameters<Table<T>['upsert']>) => {
        if (++count > 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return real.upsert(...args);
      };
      return wrapped;
    },
  };
}

/** The runtime on `dirimports-poison`: each message, decoded, to the function; deleted on success. Answers what it logged. */
async function drainPoison(): Promise<string[]> {
  const poison = services.storage.queueOf('dirimports-poison');
  const { handler } = bindFunction(directoryImportsFail, services);
  const logs: string[] = [];
  for (const message of await poison.receive({ max: 32, visibilityTimeoutSeconds: 30 })) {
    const context = new InvocationContext({
      functionName: directoryImportsFail.name,
      triggerMetadata: { id: message.id },
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    await handler(JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')), context);
    await poison.delete(message);
  }
  return logs;
}

const interruptedMails = async () => (await emailsTo(officer.email)).filter((m) => m.subject.includes('se interrumpió'));
async function settleMails(atLeast: number) {
  await drainNotifications(services);
  for (let tries = 0; (await interruptedMails()).length < atLeast && tries < 50; tries++) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 300)); // time for a second, unwanted e-mail to arrive
  return interruptedMails();
}

/** The text the «IHCE: mensajes en una cola envenenada» rule looks for, read from infra/app/monitoring.bicep. */
function poisonAlertMarker(): string {
  const bicep = readFileSync('infra/app/monitoring.bicep', 'utf8');
  const rule = bicep.slice(bicep.indexOf("displayName: 'IHCE: mensajes en una cola envenenada'"));
  return /query: 'AppTraces \| where Message contains "([^"]+)"'/.exec(rule)![1]!;
}

describe('«Directorio»: a job whose queue message ran out of tries (dirimports-poison)', () => {
  it('is registered as a queue function on dirimports-poison (no HTTP route, so no authorization-matrix row)', () => {
    expect(functionDefinitions).toContainEqual(
      expect.objectContaining({ name: 'directory-imports-fail', trigger: 'queue', queueName: 'dirimports-poison' }),
    );
  });

  it('is closed as failed at once with a Spanish reason, frees the import slot, is audited, e-mails the official and raises the alert; a redelivery changes nothing', async () => {
    const job = (await upload(providersFile(providerFixture('Envenenada 1'), providerFixture('Envenenada 2')))).body;
    expect((await apply(job.id)).status).toBe(202);

    // The runtime's part: every try of the job fails (the worker dies after one write); after the last, the message goes to dirimports-poison.
    const dying = await buildServices(loadConfig(env), {
      log: () => {},
      storage: failingAfterFirstWrite(createStorage(loadConfig(env)), 'providers'),
    });
    const lines: string[] = [];
    const worker = startQueueWorker({
      definitions: [bindFunction(directoryImportsRun, dying)],
      storage: services.storage,
      maxDequeueCount: 2,
      visibilityTimeoutSeconds: 1,
      log: (line) => lines.push(line),
    });
    const poison = services.storage.queueOf('dirimports-poison');
    try {
      for (let tries = 0; (await poison.count()) === 0 && tries < 100; tries++) await new Promise((r) => setTimeout(r, 200));
    } finally {
      await worker.stop();
    }
    expect(lines.join('\n')).toMatch(/movido a \S*dirimports-poison tras 2 intentos/);
    const before = (await status(job.id)).body;
    expect(before).toMatchObject({ state: 'running', attempts: 2 });
    expect((await upload(providersFile(providerFixture('Envenenada Espera')))).status).toBe(409); // the slot is still held

    const logs = await drainPoison();
    // The existing alert rule sees it: an Error line with the marker its query looks for.
    expect(logs[0]).toMatch(new RegExp(`^error: ${poisonAlertMarker()}: dirimports-poison `));
    const failed = (await status(job.id)).body;
    expect(failed).toMatchObject({ state: 'failed', interrupted: true, written: 1, reason: POISONED_REASON });
    expect(failed.reason).toMatch(/^La importación falló en todos sus intentos y se detuvo\./);
    expect((await services.storage.blobStore('directory-uploads').get(`${job.id}/providers.csv`)) ?? null).toBeNull();

    const records = (await services.audit.list(DIRECTORY_IMPORT_SUBJECT)).filter((r) => r.action === 'directorio.importacion-fallida');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: `CC${officer.idNumber}`, detail: { intentos: 2, filasEscritas: 1 } });

    const mails = await settleMails(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('se interrumpió después de escribir 1 fila');
    expect(mails[0]!.text).toContain(POISONED_REASON);

    // The slot is free: a new import starts and takes it.
    const next = (await upload(providersFile(providerFixture('Envenenada Después')))).body;
    expect((await apply(next.id)).status).toBe(202);

    // Redelivered (the platform gives a message again when its delete was lost): no second record, e-mail or close,
    // and the lock of the import now running is left alone.
    await poison.send(Buffer.from(JSON.stringify({ uploadId: job.id })).toString('base64'));
    const again = await drainPoison();
    expect(again.join('\n')).toContain('ya estaba cerrada (failed)');
    expect((await status(job.id)).body).toMatchObject({ state: 'failed', finishedAt: failed.finishedAt, reason: POISONED_REASON });
    expect((await services.audit.list(DIRECTORY_IMPORT_SUBJECT)).filter((r) => r.action === 'directorio.importacion-fallida')).toHaveLength(
      1,
    );
    expect(await settleMails(2)).toHaveLength(1);
    expect((await upload(providersFile(providerFixture('Envenenada Tercera')))).status).toBe(409);
    expect((await status(next.id)).body.state).toBe('queued');
  }, 60_000);

  it('a message without an upload id, of an unknown upload or of one never applied, is taken off the queue without touching anything', async () => {
    const table = createDirectoryUploadTable(services.storage);
    const id = crypto.randomUUID();
    const at = new Date().toISOString();
    await table.create({
      id,
      officer: `CC${officer.idNumber}`,
      createdAt: at,
      updatedAt: at,
      state: 'previewed',
      files: [],
      done: 0,
      total: 0,
      attempts: 0,
    });
    const poison = services.storage.queueOf('dirimports-poison');
    for (const message of [{ otra: 'cosa' }, { uploadId: crypto.randomUUID() }, { uploadId: id }])
      await poison.send(Buffer.from(JSON.stringify(message)).toString('base64'));
    const logs = (await drainPoison()).join('\n');
    expect(logs).toContain('mensaje sin uploadId: descartado');
    expect(logs).toContain(': no existe');
    expect(logs).toContain(`carga ${id}: sin aplicar, nada que cerrar`);
    expect(await poison.count()).toBe(0);
    expect((await table.get(id))?.state).toBe('previewed');
  });
});
