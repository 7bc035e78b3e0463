import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createStorage } from '../../src/platform/storage/storage';
import { signedInDelegate, validRequest } from '../support/accounts';
import { providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { faultyStorage, type TransactFault } from '../support/faulty-storage';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';

/**
 * «Generar Llaves de Acceso» writes its alert to the outbox, then the request in one transaction. A fault
 * in that transaction must leave nothing half-done: the request exists once or not at all, and the
 * ministry's alert goes out once for a request that exists, never for one that does not.
 */
const ALERTS = `alertas-${randomBytes(4).toString('hex')}@minsalud-pruebas.example`;
let faults: ReturnType<typeof faultyStorage>;
let services: Services;
const providers = [providerFixture('Outbox Antes'), providerFixture('Outbox Después'), providerFixture('Outbox A ciegas')];
const cookies: string[] = [];

beforeAll(async () => {
  const config = loadConfig(testEnv({ MSPS_ALERT_EMAILS: ALERTS }));
  faults = faultyStorage(createStorage(config), 'keyfiles');
  services = await buildServices(config, { log: () => {}, storage: faults.storage });
  useTestServices(services);
  await seedDirectory(services, providers, []);
  for (const provider of providers) cookies.push((await signedInDelegate(services, provider)).cookie);
  await drainNotifications(services);
}, 120_000);

const submit = (i: number, fault: TransactFault = 'none') =>
  faults.during(fault, () => call(myRequestsCreate, { cookie: cookies[i]!, body: validRequest('first') }));
const requestsOf = async (i: number) => (await call(myCredentialsGet, { cookie: cookies[i]! })).body.requests as unknown[];
/** What the timer and the queue worker do next: the outbox resent (whatever its age), the queue drained. */
async function deliverEverything() {
  await services.events.dispatchPending(0);
  const { failed } = await drainNotifications(services);
  expect(failed).toEqual([]);
}
const alertsFor = async (p: ProviderFixture) => (await emailsTo(ALERTS)).filter((mail) => mail.subject.includes(p.nit)).length;
/** SMTP is asynchronous: wait for the count to settle, then check it did not grow. */
async function expectAlerts(p: ProviderFixture, count: number) {
  await expect.poll(() => alertsFor(p), { timeout: 5_000 }).toBe(count);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await alertsFor(p)).toBe(count);
}

describe('a storage fault between the outbox write and the request transaction', () => {
  it('refused before it commits: no request, no alert; the retry saves it once and alerts once', async (context) => {
    const down = await submit(0, 'before-commit');
    expect(down.status).toBe(503);
    expect(await requestsOf(0)).toEqual([]);
    await deliverEverything();
    await expectAlerts(providers[0]!, 0);

    expect((await submit(0)).status).toBe(201);
    await deliverEverything();
    await deliverEverything();
    expect(await requestsOf(0)).toHaveLength(1);
    await expectAlerts(providers[0]!, 1);
    countSafety(context, { faultsInjected: 1, invariantsHeld: 5 });
  });

  it('committed with the answer lost: the file is read back, the delegate is told it was saved, and the alert goes out once', async (context) => {
    const saved = await submit(1, 'after-commit');
    expect(saved.status).toBe(201);
    await deliverEverything();
    await deliverEverything();
    expect(await requestsOf(1)).toHaveLength(1);
    await expectAlerts(providers[1]!, 1);
    countSafety(context, { faultsInjected: 1, invariantsHeld: 3 });
  });

  it('committed and nothing can be read back: 503, yet the request exists once, the alert goes out once, and a retry adds nothing', async (context) => {
    const unsure = await submit(2, 'after-commit-and-reads');
    expect(unsure.status).toBe(503);
    await deliverEverything();
    expect(await requestsOf(2)).toHaveLength(1);
    await expectAlerts(providers[2]!, 1);

    const again = await submit(2);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:ihce:problema:solicitud-pendiente');
    await deliverEverything();
    expect(await requestsOf(2)).toHaveLength(1);
    await expectAlerts(providers[2]!, 1);
    countSafety(context, { faultsInjected: 1, invariantsHeld: 6 });
  });
});
