import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSafety } from '../support/totals';
import { definition as notificationsSend } from '../../functions/notifications-send';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import type { Services } from '../../src/composition-root';
import { createSmtpMailer } from '../../src/adapters/mail/smtp-mailer';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { countPoisonMessages, replayPoisonMessages } from '../../src/platform/queue-replay';
import { startQueueWorker } from '../../scripts/local-host/queue-worker';
import { freePort } from '../../scripts/local-stack';
import { inject } from 'vitest';
import { officerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { bound, call, solvedCaptcha, startTestServices, testEnv, useTestServices } from '../support/test-app';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createStorage } from '../../src/platform/storage/storage';

const env = testEnv();
const officers = [officerFixture(), officerFixture(), officerFixture()];
let services: Services;

const register = async (o: (typeof officers)[number]) =>
  call(registrationsCreate, {
    body: { userType: 'officer', idType: 'CC', idNumber: o.idNumber, captcha: await solvedCaptcha(), acceptsConfidentiality: true },
  });

const context = () => new InvocationContext({ functionName: notificationsSend.name, logHandler: () => {} });

async function nextMessage(s: Services) {
  const [message] = await s.storage.queueOf('notifications').receive({ max: 1, visibilityTimeoutSeconds: 1 });
  if (!message) throw new Error('La cola está vacía');
  return { message, payload: JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')) };
}

beforeAll(async () => {
  services = await startTestServices({ env });
  await seedDirectory(services, [], officers);
});

afterAll(() => useTestServices(services));

describe('notifications queue trigger', () => {
  it('is idempotent: the same message handled twice sends one e-mail', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 1 });
    expect((await register(officers[0]!)).status).toBe(201);
    const { message, payload } = await nextMessage(services);
    // Two copies at the same time (a batch, an outbox resend): one sends, the other is told to retry later.
    const outcomes = await Promise.allSettled([
      bound(notificationsSend).handler(payload, context()),
      bound(notificationsSend).handler(payload, context()),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    // And a third copy after both: already sent.
    await bound(notificationsSend).handler(payload, context());
    await services.storage.queueOf('notifications').delete(message);
    await waitForEmails(officers[0]!.email, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(officers[0]!.email)).toHaveLength(1);
  });

  it('with the mail server down the handler throws (so the platform retries), and the e-mail goes out once it is back', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const deadPort = await freePort();
    const broken = await buildServices(loadConfig({ ...env, SMTP_PORT: String(deadPort) }), { log: () => {} });
    useTestServices(broken);
    expect((await register(officers[1]!)).status).toBe(201);
    const { payload } = await nextMessage(broken);
    await expect(bound(notificationsSend).handler(payload, context())).rejects.toThrow();
    expect(await emailsTo(officers[1]!.email)).toHaveLength(0);

    useTestServices(services);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the failed message becomes visible again
    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(1);
    await waitForEmails(officers[1]!.email, 1);
  });

  it('after the last try a failing message goes to the poison queue, and a replay delivers it', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const deadPort = await freePort();
    const broken = await buildServices(loadConfig(env), {
      log: () => {},
      mailer: createSmtpMailer({ host: '127.0.0.1', port: deadPort, from: 'x <x@ihce.localhost>' }),
    });
    useTestServices(broken);
    expect((await register(officers[2]!)).status).toBe(201);
    const worker = startQueueWorker({
      definitions: [bound(notificationsSend)],
      storage: broken.storage,
      maxDequeueCount: 2,
      visibilityTimeoutSeconds: 1,
    });
    const deadline = Date.now() + 15_000;
    while ((await countPoisonMessages(broken.storage, 'notifications')) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await worker.stop();
    expect(await countPoisonMessages(broken.storage, 'notifications')).toBe(1);
    expect(await emailsTo(officers[2]!.email)).toHaveLength(0);

    useTestServices(services);
    expect(await replayPoisonMessages(services.storage, 'notifications')).toBe(1);
    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(1);
    await waitForEmails(officers[2]!.email, 1);
    expect(await countPoisonMessages(services.storage, 'notifications')).toBe(0);
  });

  it('when the queue is unreachable the registration still succeeds, and the outbox sends the event later', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const officer = officerFixture();
    await seedDirectory(services, [], [...officers, officer]);
    const deadPort = await freePort();
    const deadQueues = createStorage(
      loadConfig({
        ...env,
        IHCE_STORAGE: inject('storageConnectionString').replace(
          /QueueEndpoint=[^;]+/,
          `QueueEndpoint=http://127.0.0.1:${deadPort}/devstoreaccount1`,
        ),
      }),
    );
    const storage = createStorage(loadConfig(env));
    const degraded = await buildServices(loadConfig(env), {
      log: () => {},
      storage: { ...storage, queueOf: deadQueues.queueOf, ensureCreated: async () => {} },
    });
    useTestServices(degraded);
    const result = await register(officer);
    expect(result.status).toBe(201);

    useTestServices(services);
    expect(await services.events.dispatchPending(0)).toBe(1);
    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(1);
    await waitForEmails(officer.email, 1);
    expect(await services.events.dispatchPending(0)).toBe(0);
  });
});
