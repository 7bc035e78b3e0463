import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFile } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { forEachLimited } from '../kernel/concurrency';
import type { Clock } from '../platform/clock';
import type { PendingEntry, PendingQueue } from '../requests/pending-queue';
import { AGE_BANDS, addDaysTo, ageBandOf, bogotaDayOf, daysWaiting, lastWeeks, median, percentile } from './dashboard-math';
import type { DashboardStats, EnvironmentName } from './dashboard-stats';
import { MIN_SAMPLE, type DashboardFigures, type UsualAssignmentTime } from './dashboard.schemas';

/** Reads of pending requests per view: beyond this (never seen: a few hundred wait at most) only the oldest count. */
export const PENDING_READ_MAX = 2000;
const environmentLabels: Record<EnvironmentName, string> = { preproduction: 'Preproducción', production: 'Producción' };
const environments: EnvironmentName[] = ['preproduction', 'production'];

/** A row of the expiry index (credential-schedule.ts): may be stale, so it is checked against the key file. */
export type ExpiryEntry = {
  nit: string;
  environment: EnvironmentName;
  expiresOn: string;
  /** A certificate's end date (certificate-expiry.ts) counts as a key that expires, like a ClientSecret's. */
  credential?: 'secret' | 'certificate';
  thumbprintSha256?: string | undefined;
};
export type PendingRequest = PendingEntry & {
  file: KeyFile;
  kind: 'first' | 'renewal';
  department: string;
  municipality: string;
  name: string;
};

type Deps = {
  stats: DashboardStats;
  pendingQueue: Pick<PendingQueue, 'matching'>;
  keyFiles: Pick<KeyFileRepository, 'getFile'>;
  directory: Pick<DirectoryRepository, 'getProvider'>;
  /** Expiry index rows with `from <= expiresOn < to` (days in Bogotá). */
  expiringBetween: (from: string, to: string) => AsyncIterable<ExpiryEntry>;
  /**
   * A check for one view: whether an index row counts. It counts while it still dates what is stored (the key file's
   * secret, or the certificate by its thumbprint) and is not a certificate-only environment's key file dated by its
   * certificate (certificate-expiry.ts: the certificate's row counts it). One per view, so rows share their reads.
   */
  expiryCheck?: () => (row: ExpiryEntry) => Promise<boolean>;
  clock: Clock;
};

/**
 * The officials' Tablero. Every figure is bounded: pending requests come from the pending queue (one row
 * per waiting request) with a point read of its key file and directory entry; weeks, times and counts of
 * providers come from the small aggregate (dashboard-stats.ts); expiries from the date-keyed index, only the
 * next 90 days.
 */
export function createDashboard(deps: Deps) {
  const { stats, pendingQueue, keyFiles, directory, clock } = deps;

  /** The requests waiting now, oldest first, each checked against its key file (the queue may hold stale rows). */
  async function pendingRequests(): Promise<{ requests: PendingRequest[]; truncated: boolean }> {
    // The unfiltered partition of the pending queue, oldest first (pending-queue.ts bounds the read itself).
    const { entries, capped } = await pendingQueue.matching({}, clock.now());
    const truncated = capped || entries.length > PENDING_READ_MAX;
    const slots: (PendingRequest | undefined)[] = new Array(Math.min(entries.length, PENDING_READ_MAX));
    await forEachLimited(
      entries.slice(0, PENDING_READ_MAX).map((entry, index) => ({ entry, index })),
      16,
      async ({ entry, index }) => {
        const [file, provider] = await Promise.all([keyFiles.getFile(entry.nit), directory.getProvider(entry.nit)]);
        if (file.pendingRequestId !== entry.requestId || !file.pendingKind) return;
        const site = provider?.sites[0];
        slots[index] = {
          ...entry,
          file,
          kind: file.pendingKind,
          name: provider?.name ?? '',
          department: site?.department ?? 'Sin departamento en el directorio',
          municipality: site?.municipality ?? '',
        };
      },
    );
    return { requests: slots.filter((slot): slot is PendingRequest => slot !== undefined), truncated };
  }

  function pendingFigures(requests: PendingRequest[], truncated: boolean, now: Date): DashboardFigures['pending'] {
    const byAge = AGE_BANDS.map((band) => ({ key: band.key as string, label: band.label as string, first: 0, renewal: 0 }));
    const departments = new Map<string, number>();
    for (const request of requests) {
      byAge.find((band) => band.key === ageBandOf(request.since, now))![request.kind]++;
      departments.set(request.department, (departments.get(request.department) ?? 0) + 1);
    }
    const oldest = requests[0];
    return {
      total: requests.length,
      first: requests.filter((r) => r.kind === 'first').length,
      renewal: requests.filter((r) => r.kind === 'renewal').length,
      ...(oldest && {
        oldest: {
          since: oldest.since.toISOString(),
          days: daysWaiting(oldest.since, now),
          ...(oldest.radicado && { radicado: oldest.radicado }),
        },
      }),
      byAge,
      byDepartment: [...departments]
        .map(([department, total]) => ({ department, total }))
        .sort((a, b) => b.total - a.total || a.department.localeCompare(b.department, 'es')),
      truncated,
    };
  }

  /** Business days from request to assignment of the requests assigned in the last 30 days. */
  async function assignmentTimes(now: Date): Promise<number[]> {
    const since = now.getTime() - 30 * 86_400_000;
    const facts = await stats.facts(lastWeeks(now, 6), 'asignada');
    return facts.filter((fact) => Date.parse(fact.at) >= since && fact.businessDays !== undefined).map((fact) => fact.businessDays!);
  }

  async function expiring(now: Date): Promise<DashboardFigures['expiring']> {
    const today = bogotaDayOf(now);
    const counts = Object.fromEntries(environments.map((e) => [e, { within30: 0, within60: 0, within90: 0 }])) as Record<
      EnvironmentName,
      { within30: number; within60: number; within90: number }
    >;
    const rows: ExpiryEntry[] = [];
    for await (const row of deps.expiringBetween(today, addDaysTo(today, 91))) rows.push(row);
    const countsRow =
      deps.expiryCheck?.() ??
      (async (row: ExpiryEntry) => (await keyFiles.getFile(row.nit)).environments[row.environment]?.expiresOn === row.expiresOn);
    await forEachLimited(rows, 16, async (row) => {
      if (!(await countsRow(row))) return; // replaced since (stale index row), or counted by its certificate's row
      const days = Math.round((Date.parse(`${row.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      const count = counts[row.environment];
      if (days <= 30) count.within30++;
      if (days <= 60) count.within60++;
      if (days <= 90) count.within90++;
    });
    return environments.map((environment) => ({ environment, label: environmentLabels[environment], ...counts[environment] }));
  }

  async function rejectionsSince(now: Date): Promise<number> {
    const since = now.getTime() - 30 * 86_400_000;
    return (await stats.facts(lastWeeks(now, 6), 'rechazada')).filter((fact) => Date.parse(fact.at) >= since).length;
  }

  return {
    pendingRequests,

    async figures(): Promise<DashboardFigures> {
      const now = clock.now();
      const mondays = lastWeeks(now, 12);
      const [pending, weeks, times, expiringKeys, holders, rejected30] = await Promise.all([
        pendingRequests(),
        stats.weeks(mondays),
        assignmentTimes(now),
        expiring(now),
        stats.holderTotals(),
        rejectionsSince(now),
      ]);
      return {
        generatedAt: now.toISOString(),
        pending: pendingFigures(pending.requests, pending.truncated, now),
        weeks: weeks.map((w, i) => ({
          week: mondays[i]!,
          received: w.recibidas,
          receivedFirst: w.recibidasInscripcion,
          receivedRenewal: w.recibidasResolicitud,
          assigned: w.asignadas,
          rejected: w.rechazadas,
        })),
        timeToAssign: { sample: times.length, median: median(times), p90: percentile(times, 90) },
        expiring: expiringKeys,
        holders: environments.map((environment) => ({
          environment,
          label: environmentLabels[environment],
          providers: holders[environment],
        })),
        rejections: { last30Days: rejected30, last12Weeks: weeks.reduce((sum, w) => sum + w.rechazadas, 0) },
      };
    },

    /** The only figure a delegate sees: the median, when there are enough assignments to trust it. */
    async usualAssignmentTime(): Promise<UsualAssignmentTime> {
      const times = await assignmentTimes(clock.now());
      const middle = median(times);
      return times.length >= MIN_SAMPLE && middle !== undefined
        ? { sample: times.length, medianBusinessDays: middle }
        : { sample: times.length };
    },
  };
}
export type Dashboard = ReturnType<typeof createDashboard>;
