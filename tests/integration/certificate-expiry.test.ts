import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as providersList } from '../../functions/providers-list';
import type { Services } from '../../src/composition-root';
import { shortThumbprint } from '../../src/credentials/certificate-expiry';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { formatBogotaDate, formatBogotaDay } from '../../src/kernel/bogota-date';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { certificateEndingAfter, registerByHand, runReminders, startCertificateApp, uploadCertificate } from '../support/certificate-app';
import { officerFixture, providerFixture, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call } from '../support/test-app';

/**
 * Issue 17, «Rotation, expiry reminders and the audit cover certificates exactly as they cover secrets»: a registered
 * certificate's end date gets the secret's reminders (60, 30, 15, 7, 1 days, expired), once each, and counts in
 * «Por vencer» and the Tablero. Pre-production generates in Entra ID (uploads are registered by Graph); production
 * accepts only certificates and registers them by hand (an official marks them).
 */
const DAY = 86_400_000;
const T0 = Date.now();
let now = T0;
const clock = { now: () => new Date(now) };

let entra: EntraSimulator;
let services: Services;
const onlyCertificate = providerFixture('Solo Certificado');
const replaced = providerFixture('Certificado Reemplazado');
const queued = providerFixture('Aviso En Cola');
const officer = officerFixture();
let officerCookie: string;
let cookies: Map<string, string>;

const upload = (p: ProviderFixture, environment: string, certificate: string) =>
  uploadCertificate(cookies.get(p.nit)!, environment, certificate);
/** A certificate ending at noon in Bogotá (17:00 UTC), `days` calendar days after today's day in Bogotá. */
const certificateEnding = (days: number) => certificateEndingAfter(new Date(now), days);
const certificateMails = async (p: ProviderFixture) =>
  (await emailsTo(p.delegate.email)).filter((mail) => mail.subject.startsWith('Certificado IHCE de'));
const reminderRowsOf = async (nit: string) => {
  const rows: { rowKey: string; thumbprintSha256?: string }[] = [];
  for await (const row of services.storage.tableOf<{ thumbprintSha256?: string }>('reminders').query()) {
    if (row.rowKey.includes(`|${nit}|`)) rows.push(row);
  }
  return rows;
};

beforeAll(async () => {
  ({ entra, services, officerCookie, cookies } = await startCertificateApp({
    env: { PREPRODUCTION_AUTO_ISSUE: 'off', PRODUCTION_CREDENTIAL_TYPE: 'certificate' },
    overrides: { clock },
    providers: [onlyCertificate, replaced, queued],
    officers: [officer],
  }));
});
afterAll(() => entra.close());

describe('certificate expiry reminders', () => {
  let certificate: { thumbprintSha256: string; subject: string; notAfter: string };

  it('a certificate-only environment with no ClientSecret: once the official marks the certificate registered, it ending in 30 days gets one reminder, the daily job run twice', async () => {
    const { pem } = await certificateEnding(30);
    const uploaded = await upload(onlyCertificate, 'production', pem);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body.registration).toBe('pending');
    // Not registered yet: it does not work, so nothing reminds of it.
    expect(await reminderRowsOf(onlyCertificate.nit)).toEqual([]);

    const marked = await registerByHand(officerCookie, onlyCertificate.nit);
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    certificate = marked.body;
    // No key file environment at all: the secret's calendar has nothing for this provider.
    expect((await services.keyFiles.getFile(onlyCertificate.nit)).environments).toEqual({});

    await runReminders();
    await runReminders();
    await drainNotifications(services);
    await drainNotifications(services);
    const mails = await certificateMails(onlyCertificate);
    expect(mails.map((mail) => mail.subject)).toEqual([`Certificado IHCE de Producción vence en 30 días: ${onlyCertificate.name}`]);
    const text = mails[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain(`el certificado «${certificate.subject}»`);
    expect(text).toContain(`huella digital SHA-256 ${shortThumbprint(certificate.thumbprintSha256)}`);
    expect(text).toContain(`vence el ${formatBogotaDate(certificate.notAfter)} (hora de Bogotá)`);
    expect(text).toContain('cárguelo en «Paso 2 – Visualización de las llaves»');
    expect(text).toContain('El certificado actual sigue funcionando hasta que vence');
    expect(text).not.toContain(certificate.notAfter);

    // The ministry's summary of the day lists it as a certificate.
    const digest = (await emailsTo(officer.email)).filter((mail) => mail.subject.startsWith('Vencimiento de llaves IHCE'));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain(
      `${onlyCertificate.name} (NIT ${onlyCertificate.nit}), Producción (certificado): vence el ${formatBogotaDay(bogotaDay(new Date(certificate.notAfter)))} (en 30 días).`,
    );
  });

  it('the officials find it in «Por vencer» as a certificate, and the Tablero counts it in «vencen en 30 días», also after the indexes are rebuilt', async () => {
    // Certificates stored before the calendar knew them: `npm run credentials:schedule` puts them back.
    const expiries = services.storage.tableOf('expiries');
    for await (const row of expiries.query()) await expiries.delete(row.partitionKey, row.rowKey);
    expect(await services.credentialLifecycle.replanAll()).toEqual({ files: 0, certificates: 1, failed: 0 });
    const soon = await call(providersList, { cookie: officerCookie, path: 'providers?filtro=por-vencer' });
    expect(soon.status).toBe(200);
    expect(soon.body.items.filter((item: any) => item.nit === onlyCertificate.nit)).toEqual([
      expect.objectContaining({ environment: 'production', credential: 'certificate', credentialLabel: 'Certificado', daysLeft: 30 }),
    ]);
    const production = (await services.dashboard.figures()).expiring.find((bucket) => bucket.environment === 'production')!;
    expect(production).toMatchObject({ within30: 1, within60: 1, within90: 1 });
  });

  it('a reminder already queued when the certificate is replaced is not sent (the new certificate has reminders of its own)', async () => {
    const first = await certificateEnding(30);
    expect((await upload(queued, 'preproduction', first.pem)).body.registration).toBe('entra');
    await runReminders(); // queues the 30-day reminder of the first certificate
    const waiting = (await services.storage.queueOf('notifications').peek(32))
      .map((message) => JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')))
      .filter((event) => event.type === 'certificate.expiring' && event.nit === queued.nit);
    expect(waiting).toEqual([expect.objectContaining({ environment: 'preproduction', stage: 30 })]);
    const second = await certificateEnding(400);
    expect((await upload(queued, 'preproduction', second.pem)).status).toBe(200);
    await drainNotifications(services);
    await drainNotifications(services);
    expect(await certificateMails(queued)).toEqual([]);
  });
  it('a replaced certificate: its reminder row goes at once, its day passes with no e-mail, and the new one is dated instead', async () => {
    const first = await certificateEnding(45);
    const uploadedFirst = await upload(replaced, 'preproduction', first.pem);
    expect(uploadedFirst.body.registration).toBe('entra');
    expect((await reminderRowsOf(replaced.nit)).map((row) => row.thumbprintSha256)).toEqual([uploadedFirst.body.thumbprintSha256]);

    const second = await certificateEnding(300);
    const uploadedSecond = await upload(replaced, 'preproduction', second.pem);
    expect(uploadedSecond.status, JSON.stringify(uploadedSecond.body)).toBe(200);
    const rows = await reminderRowsOf(replaced.nit);
    expect(rows.map((row) => row.thumbprintSha256)).toEqual([uploadedSecond.body.thumbprintSha256]);
    expect(rows[0]!.rowKey.startsWith(addDays(bogotaDay(new Date(now)), 240))).toBe(true);

    // The first one's 30-day reminder would have been due on day 15.
    for (const day of [14, 15, 16]) {
      now = T0 + day * DAY;
      await runReminders();
      await runReminders();
      await drainNotifications(services);
    }
    expect(await certificateMails(replaced)).toEqual([]);
  });
});
