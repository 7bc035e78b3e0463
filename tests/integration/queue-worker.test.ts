import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueueWorker } from '../../scripts/local-host/queue-worker';
import type { Services } from '../../src/composition-root';
import type { BoundQueueFunction } from '../../src/http/function-definition';
import { startTestServices, useTestServices } from '../support/test-app';

let services: Services;

beforeAll(async () => {
  services = await startTestServices();
  await services.storage.ensureCreated();
});
afterAll(() => useTestServices(services));

describe('local queue worker, as the Functions host', () => {
  it('when a handler outlives the visibility timeout and another receiver takes the message, the late delete is not a failed try', async () => {
    const queue = services.storage.queueOf('notifications');
    await queue.send(Buffer.from(JSON.stringify({ hola: 1 })).toString('base64'));
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const definition = {
      trigger: 'queue',
      name: 'notifications-send',
      queueName: 'notifications',
      handler: async () => slow,
    } as unknown as BoundQueueFunction;
    const lines: string[] = [];
    const worker = startQueueWorker({
      definitions: [definition],
      storage: services.storage,
      maxDequeueCount: 5,
      visibilityTimeoutSeconds: 1,
      log: (l) => lines.push(l),
    });
    try {
      // The worker holds the message; after its visibility runs out, this receiver takes it over.
      let taken: Awaited<ReturnType<typeof queue.receive>> = [];
      const deadline = Date.now() + 10_000;
      while (taken.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        taken = await queue.receive({ max: 1, visibilityTimeoutSeconds: 30 });
      }
      expect(taken[0]?.dequeueCount).toBe(2);
      release(); // the first run succeeds now; its delete finds a newer pop receipt
      const until = Date.now() + 5_000;
      while (!lines.some((l) => l.includes('otro receptor')) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
    expect(lines.filter((l) => l.includes('falló') || l.includes('poison'))).toEqual([]);
    expect(lines.some((l) => l.includes('otro receptor lo tomó'))).toBe(true);
  });

  it('a worker on a poison queue that keeps failing leaves its message there to be tried again (locally there is no <queue>-poison-poison)', async () => {
    const poison = services.storage.queueOf('dirimports-poison');
    await poison.send(Buffer.from(JSON.stringify({ uploadId: crypto.randomUUID() })).toString('base64'));
    let tries = 0;
    const definition = {
      trigger: 'queue',
      name: 'directory-imports-fail',
      queueName: 'dirimports-poison',
      handler: async () => {
        tries++;
        throw new Error('la tabla no responde');
      },
    } as unknown as BoundQueueFunction;
    const lines: string[] = [];
    const worker = startQueueWorker({
      definitions: [definition],
      storage: services.storage,
      maxDequeueCount: 1,
      visibilityTimeoutSeconds: 1,
      log: (l) => lines.push(l),
    });
    try {
      const deadline = Date.now() + 10_000;
      while (tries < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await worker.stop();
    }
    expect(tries).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.includes('movido a') || l.includes('no responde:'))).toEqual([]);
    expect(await poison.count()).toBe(1);
  });
});
