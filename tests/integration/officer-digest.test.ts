import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as requestsDigest } from '../../functions/requests-digest';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { bindFunction } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { passwordSignedInOfficer, signedInDelegate, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';

/** Issue 18: OFFICER_ALERT_MODE=digest, with the default hours 8:00 and 13:00 in Bogotá (UTC−5). */
const env = testEnv({ OFFICER_ALERT_MODE: 'digest' });
let now = Date.parse('2026-12-01T14:10:00Z'); // 9:10 a. m. in Bogotá
const clock = { now: () => new Date(now) };
const at = (iso: string) => (now = Date.parse(iso));

const cundinamarca = providerFixture('Resumen Chía');
const antioquia = { ...providerFixture('Resumen Medellín'), place: { department: 'Antioquia', municipality: 'Medellín' } };
const late = providerFixture('Resumen Tarde');
const officers = [officerFixture(), officerFixture()];
let services: Services;
let second: Services;

const runTimer = (on: Services) =>
  bindFunction(requestsDigest, on).handler(
    { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
    new InvocationContext({ functionName: requestsDigest.name, logHandler: () => {} }),
  );
const queued = async (type: string) =>
  (await services.storage.queueOf('notifications').peek(32)).filter(
    (message) => JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')).type === type,
  ).length;
const digestsTo = async (address: string) =>
  (await emailsTo(address)).filter((mail) => mail.subject.startsWith('Resumen de solicitudes de llaves IHCE'));
const newRequestAlertsTo = async (address: string) =>
  (await emailsTo(address)).filter((mail) => mail.subject.startsWith('Nueva solicitud de llaves IHCE'));
async function submit(provider: typeof late) {
  const delegate = await signedInDelegate(services, provider);
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
}

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { clock, log: () => {} });
  // A second instance of the app on the same storage: the timer may fire on both.
  second = await buildServices(loadConfig(env), { clock, log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [cundinamarca, antioquia, late], officers);
  for (const officer of officers) await passwordSignedInOfficer(services, officer);
});

afterAll(() => useTestServices(services));

describe('the officials new-request alert as a digest (OFFICER_ALERT_MODE=digest)', () => {
  it('a new request e-mails no official: the delegate gets the receipt, the officials wait for the digest', async () => {
    await submit(cundinamarca);
    at('2026-12-01T14:20:00Z');
    await submit(antioquia);
    const { handled } = await drainNotifications(services);
    expect(handled.map((event: any) => event.type)).not.toContain('request.submitted');
    expect(handled.map((event: any) => event.type)).toContain('request.received');
    for (const officer of officers) expect(await newRequestAlertsTo(officer.email)).toHaveLength(0);
    // Outside the digest hours the hourly timer does nothing.
    at('2026-12-01T15:00:05Z');
    await runTimer(services);
    expect(await queued('requests.officer-digest')).toBe(0);
  });

  it('at 13:00 one digest per official with the count, kinds and departments; a second firing or instance sends nothing more', async () => {
    at('2026-12-01T18:00:02Z');
    await Promise.all([runTimer(services), runTimer(second)]);
    at('2026-12-01T18:40:00Z');
    await runTimer(services);
    // Both instances may publish it (the event id is fixed by the window: the worker sends it once); the later firing does not.
    expect(await queued('requests.officer-digest')).toBeGreaterThanOrEqual(1);
    expect(await queued('requests.officer-digest')).toBeLessThanOrEqual(2);
    await drainNotifications(services);
    await runTimer(second);
    await drainNotifications(services);

    for (const officer of officers) {
      const digests = await digestsTo(officer.email);
      expect(digests).toHaveLength(1);
      const [mail] = digests;
      expect(mail!.subject).toBe('Resumen de solicitudes de llaves IHCE: 2 solicitudes nuevas hasta el 1 de diciembre de 2026, 1:00 p. m.');
      expect(mail!.text).toContain(
        'Entre el 1 de diciembre de 2026, 8:00 a. m. y el 1 de diciembre de 2026, 1:00 p. m. los prestadores registraron 2 solicitudes nuevas que siguen en espera.',
      );
      expect(mail!.text).toContain('Por tipo: Inscripción Token: 2.');
      expect(mail!.text).toContain('Por departamento: Antioquia: 1; Cundinamarca: 1.');
      expect(mail!.text).toContain(`(NIT ${cundinamarca.nit}), registrada el 1 de diciembre de 2026, 9:10 a. m.: lleva 4 horas esperando.`);
      expect(mail!.text).toContain('Ir a Asignar Token: http://localhost:7071/funcionario/asignar');
      expect(mail!.text).toContain('Llega a las 8:00 a. m. y a la 1:00 p. m. (hora de Colombia)');
      expect(mail!.text).toContain('¿Necesita ayuda? Mesa de ayuda del');
      expect(mail!.text).not.toMatch(/ClientSecret|contraseña/i);
    }
  });

  it('a request made after 13:00 goes in the next morning digest; a window without requests sends nothing', async () => {
    at('2026-12-01T18:20:00Z'); // 1:20 p. m., after the 13:00 window closed
    await submit(late);
    await drainNotifications(services);
    at('2026-12-02T13:00:01Z'); // 8:00 a. m. next day
    await runTimer(services);
    await drainNotifications(services);
    for (const officer of officers) {
      const digests = await digestsTo(officer.email);
      expect(digests).toHaveLength(2);
      expect(digests.map((mail) => mail.subject)).toContain(
        'Resumen de solicitudes de llaves IHCE: 1 solicitud nueva hasta el 2 de diciembre de 2026, 8:00 a. m.',
      );
    }
    const morning = (await digestsTo(officers[0]!.email)).find((mail) => mail.subject.includes('8:00 a. m.'))!;
    expect(morning.text).toContain('Por departamento: Cundinamarca: 1.');
    // The oldest still waiting is the first one of yesterday, not the one of this window.
    expect(morning.text).toContain(
      `(NIT ${cundinamarca.nit}), registrada el 1 de diciembre de 2026, 9:10 a. m.: lleva 22 horas esperando.`,
    );

    at('2026-12-02T18:00:01Z'); // 1:00 p. m.: nothing arrived since 8:00
    await runTimer(services);
    expect(await queued('requests.officer-digest')).toBe(0);
    await drainNotifications(services);
    for (const officer of officers) expect(await digestsTo(officer.email)).toHaveLength(2);
  });
});
