import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as notificationsSend } from '../../functions/notifications-send';
import { startQueueWorker } from '../../scripts/local-host/queue-worker';
import { createAcsMailer, operationIdFor } from '../../src/adapters/mail/acs-mailer';
import type { Services } from '../../src/composition-root';
import { bindFunction } from '../../src/http/function-definition';
import { MailThrottledError, sendingForEvent, type Mailer } from '../../src/notifications/mailer.port';
import { DEFAULT_MAIL_THROTTLE_MAX_HOURS } from '../../src/config/mail';
import { createNotificationDispatcher } from '../../src/notifications/notification-dispatcher';
import { createNotificationLogTable } from '../../src/notifications/notification-log.table-repository';
import { countPoisonMessages } from '../../src/platform/queue-replay';
import { startAcsEmailFake } from '../support/acs-email-fake';
import { startTestServices, testEnv, useTestServices } from '../support/test-app';
import { activationOnlyHandlers } from '../support/notification-handlers';
import { countSafety } from '../support/totals';

let services: Services;

beforeAll(async () => {
  services = await startTestServices({ env: testEnv() });
});
afterAll(() => useTestServices(services));

const message = { to: ['a@prestador.test'], subject: 'Active su cuenta', text: 'Hola', html: '<p>Hola</p>' };
const mailerFor = (acs: { endpoint: string; key: string }): Mailer =>
  createAcsMailer({ endpoint: acs.endpoint, from: 'IHCE <no-responder@ihce.test>', credential: { key: acs.key }, pollIntervalMs: 10 });

describe('ACS send idempotent per event (Operation-Id)', () => {
  it('one event, one operation id: the same e-mail again gets the same id, another recipient or subject another', () => {
    const event = randomUUID();
    const id = operationIdFor(message, event);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationIdFor({ ...message }, event)).toBe(id);
    expect(operationIdFor({ ...message, to: ['b@prestador.test'] }, event)).not.toBe(id);
    expect(operationIdFor({ ...message, subject: 'Otro asunto' }, event)).not.toBe(id);
    expect(operationIdFor(message, randomUUID())).not.toBe(id);
    expect(operationIdFor(message, undefined)).toBeUndefined();
  });

  it('when the status poll is throttled after ACS accepted the e-mail, the retry of the event does not send it again', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const acs = await startAcsEmailFake({ limit: 100, windowMs: 60_000, throttlePolls: 1 });
    try {
      const mailer = mailerFor(acs);
      const event = randomUUID();
      const first = await sendingForEvent(event, () => mailer.send(message)).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(MailThrottledError);
      expect(acs.accepted).toHaveLength(1); // ACS had it already when the poll was refused
      await sendingForEvent(event, () => mailer.send(message)); // the queue's retry of the same event
      expect(acs.accepted).toHaveLength(1);
      expect(acs.repeated).toBe(1);
    } finally {
      await acs.close();
    }
  });

  it('when ACS answers 409 to the repeated Operation-Id (first still in progress), the e-mail counts as sent', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const acs = await startAcsEmailFake({ limit: 100, windowMs: 60_000, throttlePolls: 1, repeats: 'conflict' });
    try {
      const mailer = mailerFor(acs);
      const event = randomUUID();
      await expect(sendingForEvent(event, () => mailer.send(message))).rejects.toBeInstanceOf(MailThrottledError);
      await sendingForEvent(event, () => mailer.send(message));
      expect(acs.accepted).toHaveLength(1);
      expect(acs.repeated).toBe(1);
    } finally {
      await acs.close();
    }
  });

  it(
    'through the queue, the dispatcher and four workers: every status poll throttled once, exactly one e-mail per event, none poisoned',
    { timeout: 60_000 },
    async (testContext) => {
      countSafety(testContext, { faultsInjected: 1, invariantsHeld: 3 });
      const total = 20;
      const acs = await startAcsEmailFake({ limit: 1_000, windowMs: 60_000, throttlePolls: 1 });
      const mailer = mailerFor(acs);
      const queue = services.storage.queueOf('notifications');
      const handlers = activationOnlyHandlers(async (event) => {
        await mailer.send({ ...message, to: [`${event.username}@prestador.test`] });
        return true;
      });
      const wired: Services = {
        ...services,
        notifications: createNotificationDispatcher({
          log: createNotificationLogTable(services.storage),
          clock: services.clock,
          handlers,
          reindexProvider: async () => {},
          refreshSearchCard: async () => {},
          requeue: queue,
          throttleMaxHours: DEFAULT_MAIL_THROTTLE_MAX_HOURS,
        }),
      };
      const events = Array.from({ length: total }, (_, i) => ({
        id: randomUUID(),
        type: 'account.activation-requested',
        username: `idem${i}`,
        occurredAt: new Date().toISOString(),
      }));
      await Promise.all(events.map((e) => queue.send(Buffer.from(JSON.stringify(e)).toString('base64'))));
      const workers = Array.from({ length: 4 }, () =>
        startQueueWorker({
          definitions: [bindFunction(notificationsSend, wired)],
          storage: services.storage,
          // As host.json: the 1 s lease makes the redeliveries this test is about; a slow machine must not poison them.
          maxDequeueCount: 5,
          visibilityTimeoutSeconds: 1,
          log: () => {},
        }),
      );
      try {
        const deadline = Date.now() + 40_000;
        while ((acs.repeated < total || (await queue.count()) > 0) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // anything sent twice would show by now
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await acs.close();
      }
      const recipients = acs.accepted.flatMap((a) => a.to);
      expect(recipients.toSorted()).toEqual(events.map((e) => `${e.username}@prestador.test`).toSorted());
      expect(acs.throttled).toBe(total);
      expect(await countPoisonMessages(services.storage, 'notifications')).toBe(0);
    },
  );
});
