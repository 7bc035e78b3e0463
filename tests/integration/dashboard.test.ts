import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as assignmentTimeGet } from '../../functions/assignment-time-get';
import { definition as dashboardExportGet } from '../../functions/dashboard-export-get';
import { definition as dashboardGet } from '../../functions/dashboard-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerRejectionsCreate } from '../../functions/provider-rejections-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import type { Services } from '../../src/composition-root';
import { rebuildDashboard } from '../../src/dashboard/dashboard-rebuild';
import type { DashboardFigures } from '../../src/dashboard/dashboard.schemas';
import { passTotp, signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { getProviderFile, saveProviderKeys } from '../support/officer-calls';
import { drainNotifications } from '../support/queue';
import { HttpRequest, HttpResponse, InvocationContext } from '../../src/platform/functions-runtime';
import { bound, call, PUBLIC_BASE_URL, sessionCookieHeader, solvedCaptcha, startTestServices } from '../support/test-app';

/** A Bogotá wall-clock time (UTC−5). */
const bogota = (local: string) => Date.parse(`${local}-05:00`);
let now = bogota('2026-11-16T09:00:00');
let services: Services;
const providers = Array.from({ length: 8 }, (_, i) => providerFixture(`Tablero ${i + 1}`));
const [p1, p2, p3, p4, p5, p6] = providers as [
  ProviderFixture,
  ProviderFixture,
  ProviderFixture,
  ProviderFixture,
  ProviderFixture,
  ProviderFixture,
];
const officer = officerFixture();
const delegates = new Map<string, string>();
let officerLogin: { username: string; totpKey: string };
let ipCounter = 10;

const nextIp = () => `203.0.113.${ipCounter++}`;
let officerSession: { at: number; cookie: string } | undefined;
/** Sessions go idle after 30 minutes and the clock jumps days: each step signs in again (once: a TOTP code serves once). */
async function officerCookie(): Promise<string> {
  if (officerSession?.at === now) return officerSession.cookie;
  const pending = await call(sessionsCreate, {
    ip: nextIp(),
    body: { username: officerLogin.username, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  officerSession = { at: now, cookie: await passTotp(services, sessionCookieHeader(pending), officerLogin.totpKey) };
  return officerSession.cookie;
}
async function delegateCookie(provider: ProviderFixture): Promise<string> {
  const signedIn = await call(sessionsCreate, {
    ip: nextIp(),
    body: { username: delegates.get(provider.nit)!, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  return sessionCookieHeader(signedIn);
}
const keys = (n: number, expiresOn: string) => ({
  clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca${String(n).padStart(3, '0')}`,
  clientSecret: `tablero~secreto${n}~0123456789abcdef`,
  expiresOn,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
async function assign(provider: ProviderFixture, body: Record<string, unknown>) {
  const saved = await saveProviderKeys(await officerCookie(), provider.nit, body);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}
const figures = async (): Promise<DashboardFigures> => {
  const result = await call(dashboardGet, { cookie: await officerCookie() });
  expect(result.status).toBe(200);
  return result.body;
};

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock: { now: () => new Date(now) } } });
  await seedDirectory(services, providers, [officer]);
  officerLogin = await signedInOfficer(services, officer);
  // Monday 16 November, 9 a. m.: eight providers ask for keys.
  for (const provider of providers) {
    const delegate = await signedInDelegate(services, provider);
    delegates.set(provider.nit, delegate.username);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  }
  // Business days to assign: 1, 2, 2, 3 and 5 (Monday to Monday); one rejection after 2.
  now = bogota('2026-11-17T09:00:00');
  await assign(p1, { preproduction: keys(1, '2026-12-15'), production: keys(11, '2027-06-13') });
  now = bogota('2026-11-18T09:00:00');
  await assign(p2, { preproduction: keys(2, '2027-01-14'), production: keys(3, '2027-01-14') });
  await assign(p3, { preproduction: keys(4, '2027-06-13'), production: keys(12, '2027-06-13') });
  const cookie = await officerCookie();
  const version = (await getProviderFile(cookie, p6.nit)).body.version;
  const rejected = await call(providerRejectionsCreate, {
    cookie,
    path: `providers/${p6.nit}/rejections`,
    params: { nit: p6.nit },
    body: { reason: 'El líder técnico no pertenece a la entidad.' },
    headers: { 'if-match': version },
  });
  expect(rejected.status).toBe(201);
  now = bogota('2026-11-19T09:00:00');
  await assign(p4, { preproduction: keys(13, '2027-06-13'), production: keys(5, '2027-02-13') });
  now = bogota('2026-11-23T09:00:00');
  await assign(p5, { preproduction: keys(6, '2027-11-20'), production: keys(14, '2027-11-20') });
  // An hour later provider 1 asks again (Resolicitud Token).
  now = bogota('2026-11-23T10:00:00');
  expect((await call(myRequestsCreate, { cookie: await delegateCookie(p1), body: validRequest('renewal') })).status).toBe(201);
  // The queue worker counts every event into the aggregate.
  expect((await drainNotifications(services)).failed).toEqual([]);
  now = bogota('2026-11-25T09:00:00');
}, 240_000);

describe('Tablero figures from seeded requests', () => {
  const expected = {
    pending: { total: 3, first: 2, renewal: 1, oldestDays: 9 },
    lastTwoWeeks: [
      { week: '2026-11-16', received: 8, receivedFirst: 8, receivedRenewal: 0, assigned: 4, rejected: 1 },
      { week: '2026-11-23', received: 1, receivedFirst: 0, receivedRenewal: 1, assigned: 1, rejected: 0 },
    ],
    timeToAssign: { sample: 5, median: 2, p90: 5 },
  };
  function expectSeeded(result: DashboardFigures) {
    expect(result.weeks).toHaveLength(12);
    expect(result.weeks.slice(-2)).toEqual(expected.lastTwoWeeks);
    expect(result.weeks.slice(0, -2).every((w) => w.received + w.assigned + w.rejected === 0)).toBe(true);
    expect(result.timeToAssign.sample).toBe(5);
    expect(result.timeToAssign.median).toBeCloseTo(2, 6);
    expect(result.timeToAssign.p90).toBeCloseTo(5, 6);
    expect(result.holders.map((h) => [h.environment, h.providers])).toEqual([
      ['preproduction', 5],
      ['production', 5],
    ]);
    expect(result.rejections).toEqual({ last30Days: 1, last12Weeks: 1 });
  }

  it('pending now by type, age band and department; weeks; median and p90; expiries; providers with keys; rejections', async () => {
    const result = await figures();
    const { pending } = result;
    expect([pending.total, pending.first, pending.renewal, pending.oldest?.days]).toEqual(Object.values(expected.pending));
    expect(pending.byAge.map((band) => [band.key, band.first, band.renewal])).toEqual([
      ['lt1', 0, 0],
      ['d1to3', 0, 1],
      ['d4to7', 0, 0],
      ['d8to15', 2, 0],
      ['gt15', 0, 0],
    ]);
    expect(pending.byDepartment).toEqual([{ department: 'Cundinamarca', total: 3 }]);
    expect(result.expiring.map((e) => [e.environment, e.within30, e.within60, e.within90])).toEqual([
      ['preproduction', 1, 2, 2],
      ['production', 0, 1, 2],
    ]);
    expectSeeded(result);
  });

  it('a redelivered event counts once, and the rebuild command arrives at the same figures', async () => {
    const before = await figures();
    const assignedRequest = (await services.keyFiles.listRequests(p2.nit)).find((r) => r.status === 'assigned')!;
    await services.dashboardRecorder.keysChanged(p2.nit, assignedRequest.id);
    await services.dashboardRecorder.requestChanged(p2.nit, assignedRequest.id);
    expectSeeded(await figures());
    const report = await rebuildDashboard(services);
    expect(report).toMatchObject({ providers: 5, requests: 9 });
    const after = await figures();
    expectSeeded(after);
    expect({ ...after, generatedAt: '' }).toEqual({ ...before, generatedAt: '' });
  });

  it('the delegate reads only the usual time to assign: the median of the last 30 days', async () => {
    const result = await call(assignmentTimeGet, { cookie: await delegateCookie(p3) });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ sample: 5, medianBusinessDays: 2 });
  });
});

describe('CSV exports', () => {
  /** The response's bytes as the browser saves them (HttpResponse.text() would drop the BOM while decoding). */
  async function download(lista: string) {
    const request = new HttpRequest({
      method: 'GET',
      url: `${PUBLIC_BASE_URL}/api/dashboard/export?lista=${lista}`,
      headers: { cookie: await officerCookie(), 'x-forwarded-for': '203.0.113.250' },
    });
    const init = await bound(dashboardExportGet).handler(request, new InvocationContext({ functionName: dashboardExportGet.name }));
    const response = new HttpResponse(init);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  }

  it('pending requests: BOM, «;», Spanish headers, a dated file name, and an audit record of who exported it', async () => {
    const result = await download('pendientes');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(result.headers.get('content-disposition')).toBe('attachment; filename="solicitudes-pendientes-2026-11-25.csv"');
    expect([...result.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = result.text;
    const rows = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual([
      'Radicado',
      'NIT',
      'Razón social',
      'Departamento',
      'Municipio',
      'Tipo de solicitud',
      'Fecha de solicitud',
      'Días de espera',
    ]);
    // Oldest first, as in Asignar Token.
    expect(rows.slice(1).map((row) => [row[1], row[5], row[6], row[7]])).toEqual([
      ...[providers[6]!.nit, providers[7]!.nit].sort().map((nit) => [nit, 'Inscripción Token', '2026-11-16 09:00', '9']),
      [p1.nit, 'Resolicitud Token', '2026-11-23 10:00', '1'],
    ]);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row[0] !== '')).toBe(true);
    const trail = await services.audit.list(`user:${officerLogin.username}`);
    expect(trail.find((entry) => entry.action === 'tablero.exportado')).toMatchObject({
      actor: officerLogin.username,
      detail: { lista: 'pendientes', filas: 3 },
    });
  });

  it('keys by provider: dates and states per environment, and no credential value at all', async () => {
    const result = await download('llaves');
    expect(result.headers.get('content-disposition')).toBe('attachment; filename="llaves-por-prestador-2026-11-25.csv"');
    const text = result.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).not.toMatch(/tablero~secreto|1b4e28ba|72f988bf|apim-ihce/);
    const rows = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toContain('Fecha de expiración');
    expect(rows).toHaveLength(11);
    const p2rows = rows.filter((row) => row[0] === p2.nit).map((row) => [row[4], row[6], row[7], row[8]]);
    expect(p2rows.sort()).toEqual([
      ['Preproducción', '2027-01-14', '50', 'Por vencer'],
      ['Producción', '2027-01-14', '50', 'Por vencer'],
    ]);
  });

  it('an unknown list is a 400 naming the field', async () => {
    const result = await download('secretos');
    expect(result.status).toBe(400);
    expect(result.text).toContain('La lista a exportar');
  });
});
