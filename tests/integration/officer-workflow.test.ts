import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providersList } from '../../functions/providers-list';
import { definition as requestsList } from '../../functions/requests-list';
import { definition as requestsNextGet } from '../../functions/requests-next-get';
import { definition as requestsSummaryGet } from '../../functions/requests-summary-get';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import type { Services } from '../../src/composition-root';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { saveProviderKeys } from '../support/officer-calls';
import { call, sessionCookieHeader, solvedCaptcha, startTestServices } from '../support/test-app';

/**
 * Issue 16, the officials' work in volume: Asignar Token filtered by department, kind and age, counted and
 * paged; the menu's count; «Siguiente solicitud»; Actualizar Token's flags. Requests are made at set times
 * through a test clock, so ages are exact.
 */
const DAY = 86_400_000;
const realNow = Date.now();
let now = realNow;
let services: Services;
let officerCookie: string;

const at = (department: string, municipality: string) => ({ department, municipality });
const p = {
  /** Antioquia, Inscripción, 20 days waiting. */
  a: { ...providerFixture('Flujo Antioquia Uno'), place: at('Antioquia', 'Medellín') },
  /** Valle del Cauca, Inscripción, 10 days. */
  b: { ...providerFixture('Flujo Valle'), place: at('Valle del Cauca', 'Cali') },
  /** Antioquia, keys assigned, then a Resolicitud 5 days ago. */
  c: { ...providerFixture('Flujo Antioquia Resolicitud'), place: at('Antioquia', 'Envigado') },
  /** Bogotá D.C., Inscripción, 1 day. */
  d: { ...providerFixture('Flujo Bogota'), place: at('Bogotá D.C.', 'Bogotá D.C.') },
  /** Antioquia, Inscripción, today. */
  e: { ...providerFixture('Flujo Antioquia Hoy'), place: at('Antioquia', 'Rionegro') },
  /** Keys assigned, then a Resolicitud rejected: not waiting. */
  f: { ...providerFixture('Flujo Rechazada'), place: at('Cundinamarca', 'Chía') },
} satisfies Record<string, ProviderFixture>;
const officer = officerFixture();
const official = {
  username: 'CC1000000001',
  fullName: 'x',
  role: 'officer' as const,
  roleCode: 'ROL IHCE MSPS',
  roleLabel: 'Funcionario MSPS',
};

/** Signs the delegate in at that time (registering the first time) and makes the request; answers the username. */
async function requestAt(daysAgo: number, provider: ProviderFixture, kind: 'first' | 'renewal', username?: string) {
  now = realNow - daysAgo * DAY;
  let cookie: string;
  if (username) {
    const signedIn = await call(sessionsCreate, { body: { username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } });
    cookie = sessionCookieHeader(signedIn);
  } else ({ username, cookie } = await signedInDelegate(services, provider));
  expect((await call(myRequestsCreate, { cookie, body: validRequest(kind) })).status).toBe(201);
  return username;
}
async function assignAt(daysAgo: number, provider: ProviderFixture) {
  now = realNow - daysAgo * DAY;
  const environment = (n: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
    clientSecret: `flujo~${provider.nit}~${n}~Secreto.0123456789abcdef`,
    expiresOn: addDays(bogotaDay(new Date(now)), 300),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${n}/.default`,
    endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
  });
  await services.credentialAssignment.assign(
    official,
    provider.nit,
    { preproduction: environment('01'), production: environment('02') },
    {},
  );
}

const nits = (body: { items: { nit: string }[] }) => body.items.map((item) => item.nit);
const list = (query: string) => call(requestsList, { cookie: officerCookie, path: `requests?status=pending${query}` });
const next = (query: string) => call(requestsNextGet, { cookie: officerCookie, path: `requests/next?${query}` });

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock: { now: () => new Date(now) } } });
  await seedDirectory(services, Object.values(p), [officer]);
  await requestAt(20, p.a, 'first');
  await requestAt(10, p.b, 'first');
  const c = await requestAt(8, p.c, 'first');
  await assignAt(7, p.c);
  await requestAt(5, p.c, 'renewal', c);
  await requestAt(1, p.d, 'first');
  const f = await requestAt(4, p.f, 'first');
  await assignAt(3, p.f);
  await requestAt(2, p.f, 'renewal', f);
  await services.requestReview.reject(official, p.f.nit, 'La Resolicitud no trae el software que se usará.', { ip: undefined });
  await requestAt(0, p.e, 'first');
  now = realNow;
  officerCookie = (await signedInOfficer(services, officer)).cookie;
}, 120_000);

describe('Asignar Token in volume', () => {
  it('the menu count: every request waiting, and the departments that have some (from the directory), with their counts', async () => {
    const summary = await call(requestsSummaryGet, { cookie: officerCookie });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      pending: 5,
      capped: false,
      departments: [
        { key: 'antioquia', name: 'Antioquia', count: 3 },
        { key: 'bogota-d-c', name: 'Bogotá D.C.', count: 1 },
        { key: 'valle-del-cauca', name: 'Valle del Cauca', count: 1 },
      ],
    });
  });

  it('filters by department, kind and age, alone and combined, oldest first (or newest first when asked)', async () => {
    expect(nits((await list('')).body)).toEqual([p.a.nit, p.b.nit, p.c.nit, p.d.nit, p.e.nit]);
    const antioquia = await list('&departamento=antioquia');
    expect(nits(antioquia.body)).toEqual([p.a.nit, p.c.nit, p.e.nit]);
    expect(antioquia.body.total).toBe(3);
    expect(nits((await list('&tipo=resolicitud')).body)).toEqual([p.c.nit]);
    expect(nits((await list('&tipo=inscripcion&departamento=antioquia')).body)).toEqual([p.a.nit, p.e.nit]);
    expect(nits((await list('&antiguedad=7')).body)).toEqual([p.a.nit, p.b.nit]);
    expect(nits((await list('&antiguedad=3&departamento=antioquia')).body)).toEqual([p.a.nit, p.c.nit]);
    expect(nits((await list('&antiguedad=3&departamento=antioquia&tipo=resolicitud')).body)).toEqual([p.c.nit]);
    expect(nits((await list('&antiguedad=30')).body)).toEqual([]);
    expect(nits((await list('&departamento=amazonas')).body)).toEqual([]);
    expect(nits((await list('&orden=recientes')).body)).toEqual([p.e.nit, p.d.nit, p.c.nit, p.b.nit, p.a.nit]);
    const row = (await list('&tipo=resolicitud')).body.items[0];
    expect(row).toMatchObject({ department: 'Antioquia', municipality: 'Envigado', kind: 'renewal', daysWaiting: 5 });
  });

  it('pages by number with the total, inside the bounds; a page past the end is empty, not an error', async () => {
    const second = await list('&limit=2&pagina=2');
    expect(nits(second.body)).toEqual([p.c.nit, p.d.nit]);
    expect(second.body).toMatchObject({ total: 5, capped: false, page: 2, pageSize: 2, offset: 2 });
    const last = await list('&limit=2&pagina=3');
    expect(nits(last.body)).toEqual([p.e.nit]);
    const past = await list('&limit=2&pagina=4');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], total: 5, offset: 6 });
    const filtered = await list('&departamento=antioquia&limit=1&pagina=2');
    expect(nits(filtered.body)).toEqual([p.c.nit]);
    expect(filtered.body.total).toBe(3);
  });

  it('a wrong filter value is a 400 problem in Spanish naming the field, for each of them at once', async () => {
    const bad = await list('&departamento=Antioquia!&tipo=otro&antiguedad=5&orden=al-azar&pagina=0&limit=51');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const messages = Object.fromEntries(bad.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(messages).toMatchObject({
      departamento: expect.stringContaining('El departamento no es válido'),
      tipo: 'El tipo de solicitud debe ser inscripcion o resolicitud.',
      antiguedad: 'La antigüedad debe ser 3, 7, 15 o 30 (más de esos días en espera).',
      orden: 'El orden debe ser antiguas o recientes.',
      pagina: 'La página debe ser un número entero desde 1.',
      limit: 'limit va de 1 a 50.',
    });
    expect((await list('&pagina=1001')).body.errors[0].message).toContain('no puede pasar de 1000');
    const badNext = await next('actual=12');
    expect(badNext.status).toBe(400);
    expect(badNext.body.errors[0]).toMatchObject({ field: 'actual' });
  });

  it('«Siguiente solicitud»: the oldest other request with the same filters; none left is `next: null`', async () => {
    expect((await next('')).body.next).toMatchObject({ nit: p.a.nit, name: p.a.name });
    expect((await next(`actual=${p.a.nit}`)).body.next.nit).toBe(p.b.nit);
    expect((await next(`departamento=antioquia&actual=${p.a.nit}`)).body.next.nit).toBe(p.c.nit);
    expect((await next(`antiguedad=7&actual=${p.a.nit}`)).body.next.nit).toBe(p.b.nit);
    expect((await next(`tipo=resolicitud&actual=${p.c.nit}`)).body).toEqual({ next: null });
  });

  it('after «Guardar», the request leaves every filter, the count and «Siguiente solicitud»', async () => {
    const keys = (n: string) => ({
      clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
      clientSecret: `guardar~${n}~Secreto.0123456789abcdef`,
      expiresOn: addDays(bogotaDay(new Date()), 300),
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: `api://ihce-${n}/.default`,
      endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
    });
    const saved = await saveProviderKeys(officerCookie, p.a.nit, { preproduction: keys('01'), production: keys('02') });
    expect(saved.status).toBe(200);
    expect((await call(requestsSummaryGet, { cookie: officerCookie })).body).toMatchObject({ pending: 4 });
    expect(nits((await list('&departamento=antioquia')).body)).toEqual([p.c.nit, p.e.nit]);
    expect(nits((await list('&tipo=inscripcion&departamento=antioquia')).body)).toEqual([p.e.nit]);
    expect((await next('departamento=antioquia')).body.next.nit).toBe(p.c.nit);
    // No copy of it is left in any partition of the queue.
    for await (const row of services.storage.tableOf<{ nit: string }>('pendingqueue').query()) expect(row.nit).not.toBe(p.a.nit);
  });

  it('a queue row written before the filters existed gets its filter copies when the unfiltered list shows it', async () => {
    const table = services.storage.tableOf<Record<string, unknown>>('pendingqueue');
    const copies = [];
    for await (const row of table.query()) if (row.nit === p.b.nit) copies.push(row);
    const main = copies.find((row) => row.partitionKey === 'pending')!;
    for (const copy of copies) await table.delete(copy.partitionKey, copy.rowKey);
    const { kind: _kind, department: _department, version: _version, timestamp: _timestamp, ...old } = main;
    await table.upsert(old as never);
    expect(nits((await list('&departamento=valle-del-cauca')).body)).toEqual([]);
    expect(nits((await list('')).body)).toContain(p.b.nit);
    expect(nits((await list('&departamento=valle-del-cauca')).body)).toEqual([p.b.nit]);
    expect(nits((await list('&tipo=inscripcion&antiguedad=7')).body)).toEqual([p.b.nit]);
  });
});

describe('Actualizar Token flags', () => {
  it('a provider with keys and a Resolicitud waiting says so; one whose request was rejected says when', async () => {
    const search = async (nit: string) =>
      (await call(providersList, { cookie: officerCookie, path: `providers?assigned=true&q=${nit}` })).body.items[0];
    expect(await search(p.c.nit)).toMatchObject({ nit: p.c.nit, pendingRenewal: true });
    expect((await search(p.c.nit)).rejectedAt).toBeUndefined();
    const rejected = await search(p.f.nit);
    expect(rejected).toMatchObject({ nit: p.f.nit, pendingRenewal: false, rejectedAt: expect.any(String) });
    expect(Date.parse(rejected.rejectedAt)).toBe(realNow - 2 * DAY);
  });

  it('the flags come from the search index, and a card whose refresh was lost is mended by the queue worker', async () => {
    const search = async (nit: string) =>
      (await call(providersList, { cookie: officerCookie, path: `providers?assigned=true&q=${nit}` })).body.items[0];
    const file = await services.keyFiles.getFile(p.c.nit);
    const provider = (await services.directory.getProvider(p.c.nit))!;
    // The request's own refresh of the card lost (an outage right after the save): the card still says nothing.
    const expiresOn = { preproduction: file.environments.preproduction?.expiresOn, production: file.environments.production?.expiresOn };
    await services.searchIndex.index(provider, { expiresOn, flags: { pendingRenewal: false } });
    expect(await search(p.c.nit)).toMatchObject({ nit: p.c.nit, pendingRenewal: false }); // no key file read per row
    const inWordPage = async () =>
      (await call(providersList, { cookie: officerCookie, path: 'providers?assigned=true&q=resolicitud' })).body.items.find(
        (item: { nit: string }) => item.nit === p.c.nit,
      );
    expect(await inWordPage()).toMatchObject({ pendingRenewal: false }); // a one-word page comes from the word's head
    const event = {
      id: randomUUID(),
      type: 'request.received',
      nit: p.c.nit,
      requestId: file.pendingRequestId,
      occurredAt: new Date().toISOString(),
    };
    expect(await services.notifications.handle(JSON.stringify(event))).toBe('sent');
    expect(await search(p.c.nit)).toMatchObject({ nit: p.c.nit, pendingRenewal: true });
    expect(await inWordPage()).toMatchObject({ pendingRenewal: true });
  });
});
