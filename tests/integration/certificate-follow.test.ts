import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/composition-root';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { certificateEndingAfter, registerByHand, runReminders, startCertificateApp, uploadCertificate } from '../support/certificate-app';
import { officerFixture, providerFixture, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { saveProviderKeys } from '../support/officer-calls';
import { drainNotifications } from '../support/queue';

/**
 * Issue 17, certificate follow-ups: in a certificate-only environment the key file's date (Paso 2, «Actualizar
 * Token», the search card, reminders) follows the registered certificate when it is replaced; one reminder per
 * stage reaches the delegate; a failed planning after the save is no error to the uploader and the daily run repairs it.
 * Pre-production takes either and generates in Entra ID (Graph registers uploads); production takes only
 * certificates and is registered by hand («Marcar como registrado»).
 */
const now = Date.now();
const clock = { now: () => new Date(now) };
let entra: EntraSimulator;
let services: Services;
const followed = providerFixture('Fecha Sigue Certificado');
const reminded = providerFixture('Un Solo Recordatorio');
const failing = providerFixture('Calendario Falla');
const officer = officerFixture();
let officerCookie: string;
let cookies: Map<string, string>;

const today = () => bogotaDay(new Date(now));
const upload = (p: ProviderFixture, environment: string, certificate: string) =>
  uploadCertificate(cookies.get(p.nit)!, environment, certificate);
const markRegistered = (p: ProviderFixture) => registerByHand(officerCookie, p.nit);
/** A certificate ending at noon in Bogotá, `days` calendar days after today. */
const certificateEnding = (days: number) => certificateEndingAfter(new Date(now), days);
const common = (days: number) => ({
  expiresOn: addDays(today(), days),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
const manual = (n: string, days: number) => ({
  mode: 'manual',
  clientId: `3b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ...common(days),
});
/** Keys saved by an official: pre-production with a typed secret, production (certificate only) without. */
async function assigned(p: ProviderFixture, n: string, days = 300) {
  const saved = await saveProviderKeys(officerCookie, p.nit, {
    preproduction: { ...manual(`${n}1`, days), clientSecret: `Manual~${n}~0123456789abcdefABCDEFGH` },
    production: manual(`${n}2`, days),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}
const fileOf = async (p: ProviderFixture) => (await services.keyFiles.getFile(p.nit)).environments;
const cardOf = async (p: ProviderFixture) => (await services.searchIndex.search(p.nit, 5)).items.find((item) => item.nit === p.nit);
const expiryMails = async (p: ProviderFixture) =>
  (await emailsTo(p.delegate.email)).filter((mail) => /^(Llaves|Certificado) IHCE de .*(vence|vencid)/.test(mail.subject));

beforeAll(async () => {
  ({ entra, services, officerCookie, cookies } = await startCertificateApp({
    env: { PREPRODUCTION_AUTO_ISSUE: 'off', PREPRODUCTION_CREDENTIAL_TYPE: 'either', PRODUCTION_CREDENTIAL_TYPE: 'certificate' },
    overrides: { clock },
    providers: [followed, reminded, failing],
    officers: [officer],
  }));
});
afterAll(() => entra.close());

describe('certificate follow-ups', () => {
  it('certificate-only production: the key file, the search card and the Tablero’s CSV take the registered certificate’s date, and follow its replacement; either keeps the secret’s', async () => {
    await assigned(followed, '1');
    await drainNotifications(services); // the Tablero counts the provider's keys
    const first = await certificateEnding(120);
    expect((await upload(followed, 'production', first.pem)).body.registration).toBe('pending');
    // Pending: it does not work yet, the date chosen by the official stands.
    expect((await fileOf(followed)).production!.expiresOn).toBe(addDays(today(), 300));
    expect((await markRegistered(followed)).status).toBe(200);
    expect((await fileOf(followed)).production!.expiresOn).toBe(addDays(today(), 120));
    expect((await cardOf(followed))?.expiresOn.production).toBe(addDays(today(), 120));
    // The Tablero's «Llaves por prestador»: «Fecha de expiración» and «Vencimiento del certificado» agree.
    const csv = (await services.dashboardExports.export('llaves', { username: 'funcionario-prueba', ip: undefined })).content;
    const rows = parse(csv.slice(1), { delimiter: ';' }) as string[][];
    const production = rows.find((row) => row[0] === followed.nit && row[4] === 'Producción')!;
    expect([production[6], production[10]]).toEqual([addDays(today(), 120), addDays(today(), 120)]);

    const second = await certificateEnding(500);
    expect((await upload(followed, 'production', second.pem)).status).toBe(200);
    expect((await markRegistered(followed)).status).toBe(200);
    expect((await fileOf(followed)).production!.expiresOn).toBe(addDays(today(), 500));
    expect((await cardOf(followed))?.expiresOn.production).toBe(addDays(today(), 500));

    // Pre-production takes either: a certificate there has its own reminders, the key file keeps the secret's date.
    const pre = await certificateEnding(200);
    expect((await upload(followed, 'preproduction', pre.pem)).body.registration).toBe('entra');
    expect((await fileOf(followed)).preproduction!.expiresOn).toBe(addDays(today(), 300));
    expect((await cardOf(followed))?.expiresOn.preproduction).toBe(addDays(today(), 300));
  });

  it('certificate-only production: the delegate gets exactly one reminder for the stage (the certificate’s), the daily job run twice', async () => {
    await assigned(reminded, '2');
    const certificate = await certificateEnding(30);
    await upload(reminded, 'production', certificate.pem);
    expect((await markRegistered(reminded)).status).toBe(200);
    expect((await fileOf(reminded)).production!.expiresOn).toBe(addDays(today(), 30));
    await runReminders();
    await runReminders();
    await drainNotifications(services);
    await drainNotifications(services);
    expect((await expiryMails(reminded)).map((mail) => mail.subject)).toEqual([
      `Certificado IHCE de Producción vence en 30 días: ${reminded.name}`,
    ]);
  });

  it('a planning failure right after the save: the upload succeeds, and the daily run plans the certificate and reminds', async () => {
    const planCertificate = services.schedule.planCertificate;
    services.schedule.planCertificate = async () => {
      throw new Error('Almacenamiento no disponible');
    };
    const certificate = await certificateEnding(30);
    let uploaded;
    try {
      uploaded = await upload(failing, 'preproduction', certificate.pem);
    } finally {
      services.schedule.planCertificate = planCertificate;
    }
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body.registration).toBe('entra');
    expect(await services.schedule.hasCertificateExpiry(failing.nit, 'preproduction', addDays(today(), 30))).toBe(false);

    await runReminders();
    await drainNotifications(services);
    expect(await services.schedule.hasCertificateExpiry(failing.nit, 'preproduction', addDays(today(), 30))).toBe(true);
    expect((await expiryMails(failing)).map((mail) => mail.subject)).toEqual([
      `Certificado IHCE de Preproducción vence en 30 días: ${failing.name}`,
    ]);
  });
});
