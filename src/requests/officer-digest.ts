import type { EventPublisher } from '../notifications/event-publisher';
import { eventIdFor } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { PendingEntry, PendingQueue } from './pending-queue';

const HOUR_MS = 3_600_000;
/** Bogotá is UTC−5 all year (no daylight saving). */
const BOGOTA_OFFSET_HOURS = -5;
/** Every run also sends the digest hours of the last 24 h that have no marker (a failed or missed run). */
const CATCH_UP_HOURS = 24;
/** A window starts at the last one sent, but never more than this far back (after a long outage or a mode change). */
const MAX_WINDOW_MS = 7 * 24 * HOUR_MS;

export type DigestWindow = { from: Date; to: Date };
const bogotaHour = (at: Date) => (at.getUTCHours() + BOGOTA_OFFSET_HOURS + 24) % 24;

/**
 * The window a run at `now` closes when no earlier digest was sent (the first one), or undefined when `now` is not
 * in one of the digest hours (Bogotá). It ends at the start of the current hour and begins at the previous digest
 * hour (yesterday's last one for the first of the day). Later windows start where the last one sent ended.
 */
export function digestWindowAt(now: Date, hours: readonly number[]): DigestWindow | undefined {
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const hour = bogotaHour(to);
  if (!hours.includes(hour)) return undefined;
  const earlier = hours.filter((h) => h < hour);
  const previous = earlier.length > 0 ? Math.max(...earlier) : Math.max(...hours) - 24;
  return { from: new Date(to.getTime() - (hour - previous) * HOUR_MS), to };
}

/** The digest hours (their start, as instants) of the last 24 h up to `now`, oldest first. */
export function dueDigestHours(now: Date, hours: readonly number[]): Date[] {
  const top = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: CATCH_UP_HOURS }, (_, k) => new Date(top - (CATCH_UP_HOURS - 1 - k) * HOUR_MS)).filter((at) =>
    hours.includes(bogotaHour(at)),
  );
}

type Deps = {
  mode: 'each' | 'digest';
  hours: readonly number[];
  pendingQueue: Pick<PendingQueue, 'receivedBetween'>;
  /** Whether the row's request is still the provider's pending one (the queue may hold stale rows). */
  stillPending: (entry: PendingEntry) => Promise<boolean>;
  storage: Storage;
  events: Pick<EventPublisher, 'publish'>;
  clock: Clock;
};

export type ClosedWindow = DigestWindow & { count: number };
export type DigestRun = { outcome: 'each-mode' | 'up-to-date' } | { outcome: 'closed'; windows: ClosedWindow[] };

/**
 * OFFICER_ALERT_MODE=digest, run by an hourly timer. Each digest hour of the last 24 h after the last window sent is
 * closed in order: its window starts where the previous one ended; when requests still waiting arrived in it, the
 * digest event is published with an id fixed by the window's end (publishing again is harmless: the outbox replaces
 * the row and the queue worker skips an event id it handled); then, and only then, the marker row records it (count
 * 0 for an empty window). A failure stops the run before the marker, so the next hourly run sends it; a marker never
 * exists for a digest that was not published, whatever the moment a run dies.
 */
export function createOfficerDigestRun({ mode, hours, pendingQueue, stillPending, storage, events, clock }: Deps) {
  const markers = storage.tableOf<{ from: string; publishedAt: Date; count: number }>('officerdigests');
  /** The end of the newest window sent in the last 7 days and a day, if any. */
  async function lastSent(now: Date): Promise<string | undefined> {
    let newest: string | undefined;
    const since = new Date(now.getTime() - MAX_WINDOW_MS - CATCH_UP_HOURS * HOUR_MS).toISOString();
    for await (const row of markers.query({ filter: where.and(where.inPartition('window'), where.rowKey('ge', since)) }))
      if (!newest || row.rowKey > newest) newest = row.rowKey;
    return newest;
  }
  return {
    async run(): Promise<DigestRun> {
      if (mode !== 'digest') return { outcome: 'each-mode' };
      const now = clock.now();
      const due = dueDigestHours(now, hours);
      if (due.length === 0) return { outcome: 'up-to-date' };
      let previous = await lastSent(now);
      const windows: ClosedWindow[] = [];
      for (const to of due.filter((at) => !previous || at.toISOString() > previous)) {
        const earliest = new Date(to.getTime() - MAX_WINDOW_MS);
        const from = previous ? new Date(Math.max(Date.parse(previous), earliest.getTime())) : digestWindowAt(to, hours)!.from;
        const rowKey = to.toISOString();
        const { entries } = await pendingQueue.receivedBetween(from, to, stillPending);
        if (entries.length > 0)
          await events.publish(
            { type: 'requests.officer-digest', from: from.toISOString(), to: rowKey },
            eventIdFor(`resumen-solicitudes|${rowKey}`),
          );
        await markers.upsert({ partitionKey: 'window', rowKey, from: from.toISOString(), publishedAt: clock.now(), count: entries.length });
        windows.push({ from, to, count: entries.length });
        previous = rowKey;
      }
      return windows.length > 0 ? { outcome: 'closed', windows } : { outcome: 'up-to-date' };
    },
  };
}
export type OfficerDigestRun = ReturnType<typeof createOfficerDigestRun>;
