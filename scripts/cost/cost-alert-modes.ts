import { createOfficerDigestRun } from '../../src/requests/officer-digest';
import { createKeyFileTableRepository } from '../../src/key-files/key-file.table-repository';
import { stillPendingIn } from '../../src/requests/pending-check';
import { createPendingQueue } from '../../src/requests/pending-queue';
import type { Person } from './cost-operations';
import type { CostStack } from './cost-stack';

const HOUR_MS = 3_600_000;

/**
 * OFFICER_ALERT_MODE, both ways, on the stack of the run (whose app alerts each request):
 * - `ministryAlert`: the per-request alert alone, the same event the request records, published again for a request of
 *   the run (what the `each` mode adds to every request; `digest` mode leaves it out);
 * - `officerDigest`: one digest window, timer and queue worker, with `perWindow` requests waiting in it (seeded, not
 *   measured). Each window is an hour of its own (the run's clock moved on), so each one is new to the marker table.
 */
export function alertModeOperations(stack: CostStack, persons: Person[]) {
  const services = stack.services;
  const pendingQueue = createPendingQueue(services.storage);
  const keyFiles = createKeyFileTableRepository(services.storage);
  const hourNow = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  return {
    ministryAlert: (person: Person) => () =>
      services.events.publish({ type: 'request.submitted', nit: person.provider.nit, requestId: person.requestId! }),
    /** Puts `perWindow` waiting requests in window `k` (the hour `k + 1` hours from now) and answers the digest run for it. */
    async officerDigestWindow(k: number, perWindow: number) {
      const start = hourNow + (k + 1) * HOUR_MS;
      for (let i = 0; i < perWindow; i++) {
        const person = persons[i % persons.length]!;
        const nit = `${person.provider.nit}${k}${i}`;
        // The digest counts only rows whose key file still has the request pending, as Asignar Token.
        await keyFiles.saveFile({ ...(await keyFiles.getFile(nit)), pendingRequestId: person.requestId!, pendingKind: 'first' });
        await pendingQueue.add({
          nit,
          requestId: person.requestId!,
          since: new Date(start + i * 1000),
          radicado: `IHCE-COSTO-${k}-${i}`,
          kind: 'first',
          department: 'Cundinamarca',
        });
      }
      // The digest before this one was sent at `start` (as in steady state), so the run closes only this window.
      await services.storage
        .tableOf('officerdigests')
        .upsert({ partitionKey: 'window', rowKey: new Date(start).toISOString(), from: new Date(start - HOUR_MS).toISOString(), count: 0 });
      // Every hour a digest hour; the clock at the end of the window: it closes exactly [start, start + 1 h).
      const run = createOfficerDigestRun({
        mode: 'digest',
        hours: Array.from({ length: 24 }, (_, h) => h),
        pendingQueue,
        stillPending: stillPendingIn(keyFiles),
        storage: services.storage,
        events: services.events,
        clock: { now: () => new Date(start + HOUR_MS + 1000) },
      });
      return () => run.run();
    },
  };
}
