import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerRejectionsCreate } from '../../functions/provider-rejections-create';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { formatBogotaDay } from '../../src/kernel/bogota-date';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { getProviderFile, saveProviderKeys } from '../support/officer-calls';
import { call, testEnv, useTestServices } from '../support/test-app';

const env = testEnv({ CREDENTIAL_GRACE_DAYS: '7' });
const providers = [providerFixture('Clínica Formulario'), providerFixture('Hospital Rechazado')];
const officer = officerFixture();
let services: Services;
let officerCookie: string;
const delegateCookies: string[] = [];
const future = (days: number) => addDays(bogotaDay(new Date()), days);
const keys = (n: string, overrides: Record<string, unknown> = {}) => ({
  clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
  clientSecret: `Secreto~${n}~${'x'.repeat(16)}`,
  expiresOn: future(300),
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  scope: `api://ihce-${n}/.default`,
  endpoint: `https://apim-ihce-${n}.example/fhir`,
  ...overrides,
});
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
const put = (p: ProviderFixture, body: unknown) => saveProviderKeys(officerCookie, p.nit, body);

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { log: () => {} });
  useTestServices(services);
  await seedDirectory(services, providers, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const provider of providers) {
    const { cookie } = await signedInDelegate(services, provider);
    delegateCookies.push(cookie);
    expect((await call(myRequestsCreate, { cookie, body: validRequest('first') })).status).toBe(201);
  }
  await drainNotifications(services);
});

describe('Guardar with mistakes: one problem response lists every field error, each naming its environment', () => {
  it('empty ClientIDs, a day/month/year date, an impossible date and a past production date come back together', async () => {
    const p = providers[0]!;
    const response = await put(p, {
      preproduction: keys('01', { clientId: '', expiresOn: '30/11/2027' }),
      production: keys('02', { clientId: '', expiresOn: '2025-06-01', tenantId: 'no-es-un-guid' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([
      { field: 'preproduction.clientId', message: 'Ingrese el ClientID de Preproducción.' },
      {
        field: 'preproduction.expiresOn',
        message:
          'La fecha de expiración de Preproducción debe escribirse año-mes-día (AAAA-MM-DD): para el 30 de noviembre de 2027 escriba 2027-11-30.',
      },
      { field: 'production.clientId', message: 'Ingrese el ClientID de Producción.' },
      {
        field: 'production.expiresOn',
        message: 'La fecha de expiración de Producción ya pasó (1 de junio de 2025): elija una posterior a hoy.',
      },
      {
        field: 'production.tenantId',
        message: expect.stringMatching(/^El id\. de directorio \(tenant\) de Producción debe ser un GUID, por ejemplo /),
      },
    ]);
    const impossible = await put(p, { preproduction: keys('01', { expiresOn: '2027-02-30' }), production: keys('02') });
    expect(impossible.body.errors).toEqual([
      {
        field: 'preproduction.expiresOn',
        message: 'La fecha de expiración de Preproducción no existe (30 de febrero de 2027: ese mes tiene 28 días).',
      },
    ]);
    expect((await getFile(p)).body.status).toBe('pending-first'); // nothing saved
  });
});

describe('«llaves actualizadas»: the previous secret, revoked at once or kept for the overlap', () => {
  it('with a grace period the e-mail says until when the previous secret works; revoked at once, that it stopped working', async () => {
    const p = providers[0]!;
    expect((await put(p, { preproduction: keys('01'), production: keys('02') })).status).toBe(200);
    await drainNotifications(services);
    const rotated = await put(p, {
      preproduction: keys('01', { clientSecret: `Rotado~01~${'y'.repeat(16)}` }),
      production: keys('02', { clientSecret: `Rotado~02~${'y'.repeat(16)}`, revokePrevious: true }),
      // Keys on file and no request waiting: an update says why (6.4.2.1).
      updateReason: 'El secreto de Producción se filtró: se reemplaza y se revoca el anterior.',
    });
    expect(rotated.status).toBe(200);
    await drainNotifications(services);
    const updated = (await waitForEmails(p.delegate.email, 3)).find((mail) =>
      mail.subject.startsWith('Llaves de acceso IHCE actualizadas'),
    )!;
    const line = (env: string) => updated.text.split('\n').find((text) => text.startsWith(`${env}:`))!;
    expect(line('Preproducción')).toMatch(
      /el anterior seguirá funcionando hasta el \d{1,2} de [a-z]+ de \d{4}, \d{1,2}:\d{2} [ap]\. m\.: cambie/,
    );
    expect(line('Producción')).toMatch(
      /el anterior fue revocado y dejó de funcionar el \d{1,2} de [a-z]+ de \d{4}, \d{1,2}:\d{2} [ap]\. m\.: configure/,
    );
    expect(line('Producción')).not.toContain('seguirá funcionando');
    // Dates as people read them, never ISO.
    expect(line('Producción')).toContain(`vence el ${formatBogotaDay(future(300))}.`);
    expect(updated.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(updated.text).not.toContain('..');
  });
});

describe('a rejected request', () => {
  it('is e-mailed with «Ver la solicitud» to the request history, refuses keys, and takes them again once a new request arrives', async () => {
    const p = providers[1]!;
    const rejected = await call(providerRejectionsCreate, {
      cookie: officerCookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'El líder técnico no pertenece a la entidad.' },
      headers: { 'if-match': (await getFile(p)).body.version },
    });
    expect(rejected.status).toBe(201);
    await drainNotifications(services);
    const mail = (await waitForEmails(p.delegate.email, 2)).find((item) => item.subject.startsWith('Solicitud de llaves IHCE rechazada'))!;
    expect(mail.text).toContain('Ver la solicitud: http');
    expect(mail.text).toMatch(/Ver la solicitud: https?:\/\/[^\s]+\/#historial/);
    expect(mail.html).not.toContain('Ver las llaves');
    expect(mail.text).toContain('Motivo: El líder técnico no pertenece a la entidad.\n'); // one full stop

    const refused = await put(p, { preproduction: keys('03'), production: keys('04') });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toContain('solicitud-rechazada');
    expect(refused.body.detail).toContain('hasta que el prestador envíe una nueva solicitud');

    expect((await call(myRequestsCreate, { cookie: delegateCookies[1]!, body: validRequest('renewal') })).status).toBe(201);
    expect((await put(p, { preproduction: keys('03'), production: keys('04') })).status).toBe(200);
    expect((await emailsTo(p.delegate.email)).length).toBeGreaterThanOrEqual(2);
  });
});
