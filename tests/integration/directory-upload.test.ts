import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { definition as directoryImportsCreate } from '../../functions/directory-imports-create';
import { definition as directoryImportsRun } from '../../functions/directory-imports-run';
import { definition as directoryUploadsCreate } from '../../functions/directory-uploads-create';
import { definition as directoryUploadsGet } from '../../functions/directory-uploads-get';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { DIRECTORY_IMPORT_SUBJECT } from '../../src/directory/import-audit';
import { bindFunction } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createStorage, type Storage, type TableName } from '../../src/platform/storage/storage';
import type { Table } from '../../src/platform/storage/table';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providersGet } from '../../functions/providers-get';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';
import { definition as directoryPermissionsGet } from '../../functions/directory-permissions-get';
import { createDirectoryUploads, HEARTBEAT_MS } from '../../src/directory/directory-upload.service';
import { STALE_MS } from '../../src/directory/directory-upload-job';
import { createDirectoryUploadTable } from '../../src/directory/directory-upload.repository';

const officer = officerFixture();
const kept = providerFixture('Carga Web Sigue');
const leaving = providerFixture('Carga Web Sale');
let env: Record<string, string>;
let services: Services;
let cookie: string;

beforeAll(async () => {
  // The officials allowed to load delegates and officials from the web (DIRECTORY_ADMINS): this suite's official only.
  env = testEnv({ DIRECTORY_ADMINS: `CC${officer.idNumber}` });
  services = await buildServices(loadConfig(env), { log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [kept, leaving], [officer]);
  ({ cookie } = await signedInOfficer(services, officer));
});

/** A multipart form as the browser sends it: the field names of the page («prestadores», «delegados», «funcionarios»). */
async function upload(files: Partial<Record<'prestadores' | 'delegados' | 'funcionarios', Uint8Array | string>>, as = cookie) {
  const form = new FormData();
  for (const [field, content] of Object.entries(files)) form.append(field, new Blob([content as BlobPart]), `${field}.csv`);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const bytes = new Uint8Array(await request.arrayBuffer());
  return call(directoryUploadsCreate, { rawBody: bytes, headers: { 'content-type': request.headers.get('content-type')! }, cookie: as });
}
const apply = (uploadId: string) => call(directoryImportsCreate, { body: { uploadId }, cookie });
const status = (id: string) => call(directoryUploadsGet, { path: `directory/uploads/${id}`, params: { id }, cookie });

/** What Excel in Colombia saves: «;» and Windows-1252. */
const excel = (lines: string[]) => iconv.encode(lines.join('\r\n'), 'win1252');
const providerLine = (p: ProviderFixture, name = p.name) =>
  `${p.nit};${name};${p.habilitationCode};Cundinamarca;Chía;contacto.${p.nit}@pruebas.example`;
const delegateLine = (p: ProviderFixture, phone: string) =>
  `${p.nit};CC;${p.delegate.idNumber};${p.delegate.firstNames};${p.delegate.lastNames};${p.delegate.email};${phone}`;

/** The runtime's part for the import queue: each message to the handler; deleted on success, left (visible again) on failure. */
async function drainImports(on: Services = services): Promise<{ handled: number; failed: number }> {
  const queue = on.storage.queueOf('dirimports');
  const { handler } = bindFunction(directoryImportsRun, on);
  let handled = 0;
  let failed = 0;
  for (const message of await queue.receive({ max: 32, visibilityTimeoutSeconds: 30 })) {
    try {
      await handler(
        JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')),
        new InvocationContext({ functionName: 'directory-imports-run' }),
      );
      await queue.delete(message);
      handled++;
    } catch {
      await queue.update(message, { visibilityTimeoutSeconds: 0 }); // as after the visibility timeout: delivered again
      failed++;
    }
  }
  return { handled, failed };
}

const newProvider = providerFixture('Carga Web Nuevo');
const providersFile = excel([
  'NIT;Razón Social;Código Habilitación;Departamento;Municipio;Correo',
  providerLine(kept),
  providerLine(newProvider),
]);
const delegatesFile = excel([
  'nit;tipo_identificacion;numero_identificacion;nombres;apellidos;correo;Teléfono',
  delegateLine(kept, '(310) 555-1234'),
  delegateLine(newProvider, ''),
]);

describe('«Directorio»: an official uploads the directory from the web', () => {
  it('the preview says how the file was read, its first rows, and what it would add, change and remove; nothing is written', async () => {
    const result = await upload({ prestadores: providersFile, delegados: delegatesFile });
    expect(result.status).toBe(201);
    const [providers, delegates] = result.body.files;
    expect(providers).toMatchObject({ kind: 'providers', encoding: 'Windows-1252', delimiter: 'punto y coma', errorCount: 0 });
    expect(providers.headers).toContain('Razón Social');
    expect(providers.firstRows).toHaveLength(2);
    expect(providers.counts).toMatchObject({ rows: 2, created: 1, unchanged: 1, removed: 0 });
    // The CLI's rule: the delegates file is the complete list, so the delegate missing from it would be removed.
    expect(delegates.counts).toMatchObject({ rows: 2, created: 1, updated: 1, removed: 1 });
    expect(result.body.state).toBe('previewed');
    expect(await services.directory.getProvider(newProvider.nit)).toBeUndefined();
  });

  it('every bad line is listed with its line number and field, in Spanish, and such an upload cannot be applied', async () => {
    const bad = excel([
      'nit;tipo_identificacion;numero_identificacion;nombres;apellidos;correo;celular',
      delegateLine(kept, '310 555 1234'),
      `${kept.nit};CC;123;Ana;Ruiz;no-es-correo;12345`,
    ]);
    const result = await upload({ delegados: bad });
    expect(result.status).toBe(201);
    const [file] = result.body.files;
    expect(file.errorCount).toBe(1);
    expect(file.errors[0]).toMatchObject({ line: 3, field: expect.stringContaining('correo') });
    expect(file.errors[0].field).toContain('celular');
    expect(file.errors[0].message).toMatch(/correo: el correo no es una dirección válida/);
    expect(file.errors[0].message).toMatch(/celular: «12345» no es un teléfono colombiano/);
    const refused = await apply(result.body.id);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/errores/);
  });

  it('a form without files, a JSON body, and more than 50 MB are refused with a problem (400, 415, 413)', async () => {
    expect((await upload({})).body).toMatchObject({ status: 400, errors: [{ field: 'archivos' }] });
    expect((await call(directoryUploadsCreate, { body: {}, cookie })).status).toBe(415);
    const huge = await call(directoryUploadsCreate, {
      rawBody: 'x',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(51 * 1024 * 1024 + 1) },
      cookie,
    });
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toMatch(/MB/);
  });

  it('«Aplicar» queues a job; while it runs a second upload or apply is refused; the worker imports it, writes the audit record and e-mails the official', async () => {
    const first = (await upload({ prestadores: providersFile, delegados: delegatesFile })).body;
    const second = (await upload({ prestadores: providersFile })).body;
    const applied = await apply(first.id);
    expect(applied.status).toBe(202);
    expect(applied.body.state).toBe('queued');

    const busyApply = await apply(second.id);
    expect(busyApply.status).toBe(409);
    expect(busyApply.body.detail).toMatch(/Ya hay una carga del directorio en curso/);
    const busyUpload = await upload({ prestadores: providersFile });
    expect(busyUpload.status).toBe(409);
    expect(busyUpload.body.type).toBe('urn:ihce:problema:carga-en-curso');

    expect(await drainImports()).toEqual({ handled: 1, failed: 0 });
    const done = (await status(first.id)).body;
    expect(done.state).toBe('done');
    expect(done.total).toBeGreaterThan(0);
    expect(done.done).toBe(done.total);
    expect(done.result.find((r: { kind: string }) => r.kind === 'delegates')).toMatchObject({ created: 1, updated: 1, removed: 1 });

    expect(await services.directory.getProvider(newProvider.nit)).toBeDefined();
    expect((await services.directory.getDelegate(kept.nit, kept.delegate))?.phone).toBe('+57 310 555 1234');
    expect(await services.directory.getDelegate(leaving.nit, leaving.delegate)).toBeUndefined();
    const [record] = await services.audit.list(DIRECTORY_IMPORT_SUBJECT);
    expect(record).toMatchObject({ action: 'directorio.importado', actor: `CC${officer.idNumber}` });

    await drainNotifications(services);
    await waitForEmails(officer.email, 2); // the activation, then the summary
    const mail = (await emailsTo(officer.email)).find((m) => m.subject === 'Directorio importado – IHCE Llaves de acceso');
    // Spanish plurals: «1 nuevo», not «1 nuevos» (issue 16 review).
    expect(mail!.text).toMatch(/Delegados: 2 filas leídas; 1 nuevo, 1 actualizado, 0 sin cambios, 1 retirado\./);

    // Over: the next upload is taken again.
    expect((await upload({ prestadores: providersFile })).status).toBe(201);
  });

  it("a job whose worker died half-way is resumed by the redelivered message and finishes once: one e-mail, the first attempt's counts", async () => {
    const others = [providerFixture('Reinicio 1'), providerFixture('Reinicio 2'), providerFixture('Reinicio 3')];
    const file = excel([
      'nit;razon_social;codigo_habilitacion;departamento;municipio;correo',
      ...[kept, newProvider, ...others].map((p) => providerLine(p)),
    ]);
    const job = (await upload({ prestadores: file })).body;
    expect((await apply(job.id)).status).toBe(202);
    const mailsBefore = (await emailsTo(officer.email)).length;

    // The first worker writes one provider and dies (its storage stops answering).
    const dying = await buildServices(loadConfig(env), {
      log: () => {},
      storage: failingAfter(createStorage(loadConfig(env)), 'providers', 1),
    });
    expect(await drainImports(dying)).toEqual({ handled: 0, failed: 1 });
    expect((await status(job.id)).body).toMatchObject({ state: 'running', attempts: 1 });
    expect((await upload({ prestadores: file })).status).toBe(409);

    // Restarted: the message comes back and the job ends.
    expect(await drainImports()).toEqual({ handled: 1, failed: 0 });
    const done = (await status(job.id)).body;
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect(done.result[0]).toMatchObject({ kind: 'providers', created: 3 });
    for (const p of others) expect(await services.directory.getProvider(p.nit)).toBeDefined();

    // Delivered once more (the runtime's at-least-once): nothing runs again.
    await services.storage.queueOf('dirimports').send(Buffer.from(JSON.stringify({ uploadId: job.id })).toString('base64'));
    const records = (await services.audit.list(DIRECTORY_IMPORT_SUBJECT)).length;
    expect(await drainImports()).toEqual({ handled: 1, failed: 0 });
    expect((await services.audit.list(DIRECTORY_IMPORT_SUBJECT)).length).toBe(records);
    await drainNotifications(services);
    await waitForEmails(officer.email, mailsBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await emailsTo(officer.email)).length).toBe(mailsBefore + 1);
  });

  it('the official sees the phone the directory now holds for the delegate who asked (name, e-mail and phone)', async () => {
    const delegate = await signedInDelegate(services, kept);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    const file = await call(providersGet, { path: `providers/${kept.nit}`, params: { nit: kept.nit }, cookie });
    expect(file.body.request.requester).toEqual({
      username: delegate.username,
      name: `${kept.delegate.firstNames} ${kept.delegate.lastNames}`,
      email: kept.delegate.email,
      phone: '+57 310 555 1234',
      inDirectory: true,
    });
  });

  it("another official cannot see or apply someone else's upload (404)", async () => {
    const colleague = officerFixture();
    await seedDirectory(services, [], [officer, colleague]);
    const other = await signedInOfficer(services, colleague);
    const mine = (await upload({ prestadores: providersFile })).body;
    expect(
      (await call(directoryUploadsGet, { path: `directory/uploads/${mine.id}`, params: { id: mine.id }, cookie: other.cookie })).status,
    ).toBe(404);
    expect((await call(directoryImportsCreate, { body: { uploadId: mine.id }, cookie: other.cookie })).status).toBe(404);
  });
});

describe('«Directorio»: who may change delegates and officials, and a job that dies or stops short (review of issue 16)', () => {
  it('an official not in DIRECTORY_ADMINS is told so before uploading, and a delegates or officials file is refused (403), nothing stored; providers only is taken', async () => {
    const colleague = officerFixture();
    await seedDirectory(services, [], [officer, colleague]);
    const other = await signedInOfficer(services, colleague);
    const permissions = (as: string) => call(directoryPermissionsGet, { cookie: as });
    expect((await permissions(other.cookie)).body).toEqual({ mayChangePeople: false });
    expect((await permissions(cookie)).body).toEqual({ mayChangePeople: true });

    const rowsBefore = await uploadRows();
    for (const files of [{ delegados: delegatesFile }, { prestadores: providersFile, funcionarios: 'x' }]) {
      const refused = await upload(files, other.cookie);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.type).toBe('urn:ihce:problema:directorio-personas-restringido');
      expect(refused.body.detail).toMatch(/Solo los administradores del directorio .* delegados y de funcionarios/);
      expect(refused.body.detail).toMatch(/quién ve las llaves/);
    }
    expect(await uploadRows()).toBe(rowsBefore);
    expect((await upload({ prestadores: providersFile }, other.cookie)).status).toBe(201);
    expect((await upload({ delegados: delegatesFile })).status).toBe(201); // the admin
  });

  it('a job that died and was never retried is reported failed with the rows it wrote, e-mails the official, and lets go of the lock', async () => {
    const others = [providerFixture('Muerto 1'), providerFixture('Muerto 2')];
    const file = excel(['nit;razon_social;codigo_habilitacion;departamento;municipio;correo', ...others.map((p) => providerLine(p))]);
    const job = (await upload({ prestadores: file })).body;
    expect((await apply(job.id)).status).toBe(202);
    const dying = await buildServices(loadConfig(env), {
      log: () => {},
      storage: failingAfter(createStorage(loadConfig(env)), 'providers', 1),
    });
    expect(await drainImports(dying)).toEqual({ handled: 0, failed: 1 });
    // The message's retries ran out (poison): nobody moves the job. STALE_MS later the official looks again.
    const queue = services.storage.queueOf('dirimports');
    for (const message of await queue.receive({ max: 32, visibilityTimeoutSeconds: 5 })) await queue.delete(message);
    const later = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + STALE_MS + 60_000) } });
    const seen = await later.directoryUploads.status(`CC${officer.idNumber}`, job.id);
    expect(seen).toMatchObject({ state: 'failed', interrupted: true, written: 1 });
    expect((await services.storage.blobStore('directory-uploads').get(`${job.id}/providers.csv`)) ?? null).toBeNull();
    await drainNotifications(services);
    const interrupted = async () => (await emailsTo(officer.email)).find((m) => m.subject.includes('se interrumpió'));
    for (let tries = 0; !(await interrupted()) && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    const mail = await interrupted();
    expect(mail!.text).toContain('se interrumpió después de escribir 1 fila; vuelva a cargar el archivo: solo se escribirá lo que falta.');
    expect((await upload({ prestadores: file })).status).toBe(201); // the lock is free
  });

  it('a job closed by an attempt that then failed (its files not deleted) is finished by the redelivered message: files gone, one e-mail', async () => {
    const file = excel([
      'nit;razon_social;codigo_habilitacion;departamento;municipio;correo',
      providerLine(providerFixture('Corte Final')),
    ]);
    const job = (await upload({ prestadores: file })).body;
    expect((await apply(job.id)).status).toBe(202);
    const imported = async () => (await emailsTo(officer.email)).filter((m) => m.subject.startsWith('Directorio importado')).length;
    const mailsBefore = await imported();
    const flaky = await buildServices(loadConfig(env), { log: () => {}, storage: deleteFailsOnce(createStorage(loadConfig(env))) });
    expect(await drainImports(flaky)).toEqual({ handled: 0, failed: 1 });
    expect((await status(job.id)).body.state).toBe('done');
    expect(await services.storage.blobStore('directory-uploads').get(`${job.id}/providers.csv`)).toBeDefined();
    expect(await drainImports(flaky)).toEqual({ handled: 1, failed: 0 });
    expect((await services.storage.blobStore('directory-uploads').get(`${job.id}/providers.csv`)) ?? null).toBeNull();
    await drainNotifications(services);
    for (let tries = 0; (await imported()) === mailsBefore && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await imported()).toBe(mailsBefore + 1);
  });

  it('the job reads the uploaded files from Blob storage as streams, never whole: with whole downloads forbidden, a file of many pieces imports', async () => {
    const count = 2_000;
    const rows = Array.from(
      { length: count },
      (_, i) => `${940_000_000 + i};IPS Blob ${i};${5_300_000_000 + i};Bogotá D.C.;Bogotá D.C.;sede${i}@blob.example`,
    );
    const file = ['nit;razon_social;codigo_habilitacion;departamento;municipio;correo', ...rows].join('\r\n');
    expect(file.length).toBeGreaterThan(2 * 64 * 1024);
    const job = (await upload({ prestadores: file })).body;
    expect((await apply(job.id)).status).toBe(202);
    const streamed = streamsOnly(createStorage(loadConfig(env)));
    const worker = await buildServices(loadConfig(env), { log: () => {}, storage: streamed.storage });
    expect(await drainImports(worker)).toEqual({ handled: 1, failed: 0 });
    expect((await status(job.id)).body).toMatchObject({ state: 'done', done: count, total: count });
    expect(streamed.opened).toBe(3); // its encoding, the check-and-count reading, the writing one
    expect(await services.directory.getProvider('940001999')).toMatchObject({ name: 'IPS Blob 1999' });
  });

  it('a long planning phase keeps the job alive (heartbeat): past STALE_MS with no write yet, a second import is still refused', async () => {
    const table = createDirectoryUploadTable(services.storage);
    let now = Date.now();
    let release: () => void = () => undefined;
    const slow = {
      importFiles: () => new Promise<never[]>((resolve) => (release = () => resolve([]))),
      preview: async () => [],
    } as unknown as Parameters<typeof createDirectoryUploads>[0]['directoryImport'];
    const jobs = createDirectoryUploads({
      uploads: table,
      admins: [],
      blobs: services.storage.blobStore('directory-uploads'),
      queue: services.storage.queueOf('dirimports'),
      directoryImport: slow,
      recordFinished: async () => async () => undefined,
      clock: { now: () => new Date(now) },
    });
    while (await table.holder()) await table.unlock((await table.holder())!.uploadId);
    const id = crypto.randomUUID();
    const at = new Date(now).toISOString();
    await table.create({ id, officer: 'CC1', createdAt: at, updatedAt: at, state: 'queued', files: [], done: 0, total: 0, attempts: 0 });
    expect(await table.lock(id)).toBe(true);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const running = jobs.run({ uploadId: id });
      for (let minute = 0; minute < STALE_MS / HEARTBEAT_MS + 5; minute++) {
        now += HEARTBEAT_MS;
        await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
        await vi.waitUntil(async () => (await table.get(id))!.updatedAt === new Date(now).toISOString(), { timeout: 5_000 });
      }
      const second = jobs.preview('CC1', [{ kind: 'providers', fileName: 'p.csv', bytes: new Uint8Array([1]) }]);
      await expect(second).rejects.toMatchObject({ status: 409 });
      release();
      await running;
    } finally {
      vi.useRealTimers();
    }
  });
});

async function uploadRows(): Promise<number> {
  let rows = 0;
  for await (const row of services.storage.tableOf('dirimports').query()) if (row.partitionKey === 'upload') rows++;
  return rows;
}

/** The storage gateway, with the upload files' folder deletion failing once (an attempt cut short after closing its job). */
function deleteFailsOnce(inner: Storage): Storage {
  let failed = false;
  return {
    ...inner,
    blobStore: (name) => {
      const real = inner.blobStore(name);
      return {
        ...real,
        deleteFolder: async (folder: string) => {
          if (!failed) {
            failed = true;
            throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          }
          return real.deleteFolder(folder);
        },
      };
    },
  };
}

/** The storage gateway, with the upload files only to be read as streams (a whole download of one throws), counted. */
function streamsOnly(inner: Storage) {
  const counts = { opened: 0 };
  const storage: Storage = {
    ...inner,
    blobStore: (name) => {
      const real = inner.blobStore(name);
      return {
        ...real,
        get: async (blob: string) => {
          if (blob.endsWith('.csv')) throw new Error(`${blob}: el archivo de la carga se descargó entero`);
          return real.get(blob);
        },
        stream: async (blob: string) => {
          counts.opened++;
          return real.stream(blob);
        },
      };
    },
  };
  return {
    storage,
    get opened() {
      return counts.opened;
    },
  };
}

describe('«¿Olvidó su usuario?» reads the delegates by person, not the whole table', () => {
  it('after a one-time backfill of delegates loaded before the index existed, a reminder makes no query of the delegates table', async () => {
    const ownEnv = testEnv(); // its own tables: this test loads a delegates file, which replaces the list
    const counted = countingQueries(createStorage(loadConfig(ownEnv)), 'delegates');
    const fresh = await buildServices(loadConfig(ownEnv), { log: () => {}, storage: counted.storage });
    const old = providerFixture('Índice Antiguo');
    const recent = providerFixture('Índice Reciente');
    await seedDirectory(fresh, [old, recent], []);
    // `old` as a directory loaded before this change left it: a delegate without its index row, and no backfill yet.
    await fresh.storage.tableOf('idxperson').delete(`CC-${old.delegate.idNumber}`, old.nit);
    await fresh.storage.tableOf('idxperson').delete('_', 'built');

    expect((await fresh.directory.delegationsOf(old.delegate)).map((d) => d.nit)).toEqual([old.nit]);
    const afterBackfill = counted.queries();
    expect((await fresh.directory.delegationsOf(recent.delegate)).map((d) => d.nit)).toEqual([recent.nit]);
    expect((await fresh.directory.delegationsOf({ idType: 'CC', idNumber: '1999999999' })).length).toBe(0);
    expect(counted.queries()).toBe(afterBackfill);

    // «¿Olvidó su usuario?» itself (the worker's sender) goes through the index: no query of the delegates table.
    await signedInDelegateAccount(fresh, recent);
    await fresh.notifications.handle({
      id: crypto.randomUUID(),
      type: 'account.username-requested',
      idType: 'CC',
      idNumber: recent.delegate.idNumber,
      occurredAt: new Date().toISOString(),
    });
    expect(counted.queries()).toBe(afterBackfill);
    const [mail] = await waitForEmails(recent.delegate.email, 1);
    expect(mail!.text).toContain(`CC${recent.delegate.idNumber}-${recent.nit}`);
  });
});

/** The storage gateway, with the named table's writes failing after `writes` of them (a worker that dies). */
function failingAfter(inner: Storage, table: TableName, writes: number): Storage {
  let count = 0;
  return {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const real = inner.tableOf<T>(name);
      if (name !== table) return real;
      const wrapped: Table<T> = Object.create(real) as Table<T>;
      wrapped.upsert = async (...args: Parameters<Table<T>['upsert']>) => {
        if (++count > writes) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return real.upsert(...args);
      };
      return wrapped;
    },
  };
}

async function signedInDelegateAccount(on: Services, provider: ProviderFixture) {
  useTestServices(on);
  try {
    await signedInDelegate(on, provider);
  } finally {
    useTestServices(services);
  }
}

function countingQueries(inner: Storage, table: TableName) {
  let queries = 0;
  const storage: Storage = {
    ...inner,
    tableOf: <T extends object>(name: TableName) => {
      const real = inner.tableOf<T>(name);
      if (name !== table) return real;
      const wrapped: Table<T> = Object.create(real) as Table<T>;
      wrapped.query = (...args: Parameters<Table<T>['query']>) => {
        queries++;
        return real.query(...args);
      };
      return wrapped;
    },
  };
  return { storage, queries: () => queries };
}
