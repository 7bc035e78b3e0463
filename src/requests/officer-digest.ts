import type { EventPublisher } from '../notifications/event-publisher';
import { eventIdFor } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';
import type { PendingQueue } from './pending-queue';

const HOUR_MS = 3_600_000;
/** Bogotá is UTC−5 all year (no daylight saving). */
const BOGOTA_OFFSET_HOURS = -5;

export type DigestWindow = { from: Date; to: Date };

/**
 * The window a run at `now` closes, or undefined when `now` is not in one of the digest hours (Bogotá).
 * It ends at the start of the current hour and begins at the previous digest hour (yesterday's last one for
 * the first of the day), so windows neither overlap nor leave gaps, and a late or repeated run closes the same one.
 */
export function digestWindowAt(now: Date, hours: readonly number[]): DigestWindow | undefined {
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const hour = (to.getUTCHours() + BOGOTA_OFFSET_HOURS + 24) % 24;
  if (!hours.includes(hour)) return undefined;
  const earlier = hours.filter((h) => h < hour);
  const previous = earlier.length > 0 ? Math.max(...earlier) : Math.max(...hours) - 24;
  return { from: new Date(to.getTime() - (hour - previous) * HOUR_MS), to };
}

type Deps = {
  mode: 'each' | 'digest';
  hours: readonly number[];
  pendingQueue: Pick<PendingQueue, 'receivedBetween'>;
  storage: Storage;
  events: Pick<EventPublisher, 'publish'>;
  clock: Clock;
};

export type DigestRun =
  { outcome: 'each-mode' | 'not-due' } | { outcome: 'empty' | 'already-sent' | 'published'; window: DigestWindow; count: number };

/**
 * OFFICER_ALERT_MODE=digest, run by an hourly timer: at a digest hour, when requests arrived in the window, one
 * marker row per window is created (an insert that fails when the row exists: only one run of all the timer's
 * firings and instances wins) and the winner publishes the digest event; the queue worker sends the e-mail.
 */
export function createOfficerDigestRun({ mode, hours, pendingQueue, storage, events, clock }: Deps) {
  const markers = storage.tableOf<{ publishedAt: Date; count: number }>('officerdigests');
  return {
    async run(): Promise<DigestRun> {
      if (mode !== 'digest') return { outcome: 'each-mode' };
      const window = digestWindowAt(clock.now(), hours);
      if (!window) return { outcome: 'not-due' };
      const { entries } = await pendingQueue.receivedBetween(window.from, window.to);
      const count = entries.length;
      if (count === 0) return { outcome: 'empty', window, count };
      const rowKey = window.to.toISOString();
      const claimed = await markers.insert({ partitionKey: 'window', rowKey, publishedAt: clock.now(), count });
      if (claimed.status === 'exists') return { outcome: 'already-sent', window, count };
      try {
        await events.publish(
          { type: 'requests.officer-digest', from: window.from.toISOString(), to: rowKey },
          eventIdFor(`resumen-solicitudes|${rowKey}`),
        );
      } catch (error) {
        // Not recorded: give the window back, so that another firing in this hour may still send it.
        await markers.delete('window', rowKey).catch(() => undefined);
        throw error;
      }
      return { outcome: 'published', window, count };
    },
  };
}
export type OfficerDigestRun = ReturnType<typeof createOfficerDigestRun>;
