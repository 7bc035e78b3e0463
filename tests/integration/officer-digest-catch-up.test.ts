import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as requestsDigest } from '../../functions/requests-digest';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { bindFunction } from '../../src/http/function-definition';
import { createKeyFileTableRepository } from '../../src/key-files/key-file.table-repository';
import { InvocationContext } from '../../src/platform/functions-runtime';
import type { Storage } from '../../src/platform/storage/storage';
import { createOfficerDigestRun } from '../../src/requests/officer-digest';
import { stillPendingIn } from '../../src/requests/pending-check';
import { createPendingQueue } from '../../src/requests/pending-queue';
import { passwordSignedInOfficer, signedInDelegate, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';

/** Issue 18 review: a digest window is never lost (catch-up, publish before the marker) and stale queue rows are not counted. */
const env = testEnv({ OFFICER_ALERT_MODE: 'digest' });
let now = Date.parse('2026-12-01T13:00:02Z'); // 8:00 a. m. in Bogotá
const clock = { now: () => new Date(now) };
const at = (iso: string) => (now = Date.parse(iso));

const resolved = providerFixture('Resumen Resuelta');
const first = providerFixture('Resumen Primera');
const second = providerFixture('Resumen Segunda');
const third = providerFixture('Resumen Tercera');
const fourth = providerFixture('Resumen Cuarta');
const officer = officerFixture();
let services: Services;

const runTimer = () =>
  bindFunction(requestsDigest, services).handler(
    { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
    new InvocationContext({ functionName: requestsDigest.name, logHandler: () => {} }),
  );
const digests = async () =>
  (await emailsTo(officer.email)).filter((mail) => mail.subject.startsWith('Resumen de solicitudes de llaves IHCE'));
async function submit(provider: ProviderFixture) {
  const delegate = await signedInDelegate(services, provider);
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
}
/** The digest run of the app, on its storage and event publisher, with one of its parts failing once. */
function runWith(parts: { failRead?: boolean; failMarker?: boolean }) {
  const keyFiles = createKeyFileTableRepository(services.storage);
  const queue = createPendingQueue(services.storage);
  let readFails = parts.failRead ?? false;
  let markerFails = parts.failMarker ?? false;
  const storage: Storage = {
    ...services.storage,
    tableOf: ((name: Parameters<Storage['tableOf']>[0]) => {
      const table = services.storage.tableOf(name);
      if (name !== 'officerdigests') return table;
      return Object.assign(Object.create(table), {
        upsert: (...args: Parameters<typeof table.upsert>) => {
          if (!markerFails) return table.upsert(...args);
          markerFails = false;
          return Promise.reject(new Error('la función se detuvo antes de escribir la marca'));
        },
      });
    }) as Storage['tableOf'],
  };
  return createOfficerDigestRun({
    mode: 'digest',
    hours: [8, 13],
    pendingQueue: {
      receivedBetween: (...args) => {
        if (!readFails) return queue.receivedBetween(...args);
        readFails = false;
        return Promise.reject(new Error('Table Storage no responde'));
      },
    },
    stillPending: stillPendingIn(keyFiles),
    storage,
    events: services.events,
    clock,
  });
}

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { clock, log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [resolved, first, second, third, fourth], [officer]);
  await passwordSignedInOfficer(services, officer);
  await runTimer(); // 8:00: nothing yet, the window is closed
});

describe('the officials digest survives a failed run and counts only requests still waiting', () => {
  it('the 13:00 run fails reading the queue; the 14:00 run sends that window once, without the resolved request whose row stayed', async () => {
    at('2026-12-01T14:05:00Z');
    await submit(resolved);
    // Resolved (assigned or rejected) but its row stayed in the pending queue: the queue can only hold too much.
    const keyFiles = createKeyFileTableRepository(services.storage);
    const file = await keyFiles.getFile(resolved.nit);
    await keyFiles.saveFile({ ...file, pendingRequestId: undefined, pendingKind: undefined, lastOutcome: 'assigned' } as typeof file);
    at('2026-12-01T14:10:00Z');
    await submit(first);
    at('2026-12-01T14:20:00Z');
    await submit(second);
    await drainNotifications(services);

    const run = runWith({ failRead: true });
    at('2026-12-01T18:00:02Z'); // 1:00 p. m.
    await expect(run.run()).rejects.toThrow('Table Storage no responde');
    await drainNotifications(services);
    expect(await digests()).toHaveLength(0);

    at('2026-12-01T19:00:03Z'); // 2:00 p. m.: not a digest hour, but 1:00 p. m. has no marker
    await run.run();
    await drainNotifications(services);
    at('2026-12-01T20:00:03Z');
    await runTimer();
    await drainNotifications(services);

    const [mail, ...more] = await digests();
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('Resumen de solicitudes de llaves IHCE: 2 solicitudes nuevas hasta el 1 de diciembre de 2026, 1:00 p. m.');
    expect(mail!.text).toContain(
      'Entre el 1 de diciembre de 2026, 8:00 a. m. y el 1 de diciembre de 2026, 1:00 p. m. los prestadores registraron 2 solicitudes nuevas que siguen en espera.',
    );
    // The oldest still waiting is the first live one, not the resolved request's leftover row.
    expect(mail!.text).toContain(`(NIT ${first.nit}), registrada el 1 de diciembre de 2026, 9:10 a. m.`);
    expect(mail!.text).not.toContain(resolved.nit);
  });

  it('a run that dies after publishing, before its marker: the next run publishes the same event again and the officials get one e-mail', async () => {
    at('2026-12-02T13:00:02Z'); // 8:00 a. m.: nothing since yesterday 1:00 p. m.
    await runTimer();
    at('2026-12-02T14:30:00Z');
    await submit(third);
    await drainNotifications(services);
    at('2026-12-02T18:00:02Z');
    await expect(runWith({ failMarker: true }).run()).rejects.toThrow('antes de escribir la marca');
    at('2026-12-02T19:00:02Z');
    await runTimer();
    await runTimer(); // a repeated firing in the same hour: the window has its marker, nothing more
    const queued = (await services.storage.queueOf('notifications').peek(32))
      .map((message) => JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')))
      .filter((event) => event.type === 'requests.officer-digest');
    expect(queued).toHaveLength(2);
    expect(new Set(queued.map((event) => event.id)).size).toBe(1);
    await drainNotifications(services);

    const day2 = (await digests()).filter((mail) => mail.subject.includes('2 de diciembre de 2026, 1:00 p. m.'));
    expect(day2).toHaveLength(1);
    expect(day2[0]!.subject).toBe('Resumen de solicitudes de llaves IHCE: 1 solicitud nueva hasta el 2 de diciembre de 2026, 1:00 p. m.');
    expect(await digests()).toHaveLength(2);
  });

  it('after three days without runs, the first digest hour of the last 24 h starts where the last digest sent ended', async () => {
    at('2026-12-02T20:00:00Z'); // 3:00 p. m. of day 2, after the last digest sent (1:00 p. m.)
    await submit(fourth);
    await drainNotifications(services);
    at('2026-12-05T19:00:02Z'); // the app was down until day 5, 2:00 p. m.
    await runTimer();
    await drainNotifications(services);
    const late = (await digests()).filter((mail) => mail.subject.includes('5 de diciembre de 2026, 8:00 a. m.'));
    expect(late).toHaveLength(1);
    expect(late[0]!.text).toContain('Entre el 2 de diciembre de 2026, 1:00 p. m. y el 5 de diciembre de 2026, 8:00 a. m.');
    expect(late[0]!.subject).toContain('1 solicitud nueva');
    expect(await digests()).toHaveLength(3);
  });
});
