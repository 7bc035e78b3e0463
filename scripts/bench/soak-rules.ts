/**
 * Pure rules of the soak run: when the app's memory "grows steadily" and when an operation's latency "drifts".
 * Both are deliberately two-sided (a relative AND an absolute condition) so that noise on a shared machine
 * does not fail the run, while a real leak or slowdown does.
 */

/** One memory sample of the app process, in bytes, `at` in ms since the soak started. */
export type MemorySample = { at: number; rss: number; heapUsed: number };

export type MinuteMemory = { minute: number; rssMb: number; heapMb: number };

const MB = 2 ** 20;

/**
 * Per-minute memory: the highest RSS and the LOWEST heapUsed of the minute. heapUsed saw-tooths with every
 * collection; its minimum over a minute is the heap just after a collection, i.e. the live data, without
 * forcing a GC in the app under load (which would itself disturb the latencies being measured).
 */
export function memoryPerMinute(samples: readonly MemorySample[]): MinuteMemory[] {
  const minutes = new Map<number, MinuteMemory>();
  for (const sample of samples) {
    const minute = Math.floor(sample.at / 60_000);
    const current = minutes.get(minute);
    const rssMb = sample.rss / MB;
    const heapMb = sample.heapUsed / MB;
    if (!current) minutes.set(minute, { minute, rssMb, heapMb });
    else minutes.set(minute, { minute, rssMb: Math.max(current.rssMb, rssMb), heapMb: Math.min(current.heapMb, heapMb) });
  }
  return [...minutes.values()].sort((a, b) => a.minute - b.minute);
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return 0;
  return points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
}

export const MEMORY_RULE = { slopeMbPerMinute: 2, growth: 0.2 };

export type MemoryVerdict = { grows: boolean; slopeMbPerMinute: number; growth: number; reason?: string };

/**
 * Memory grows steadily when BOTH hold over the post-GC heap per minute:
 * - the least-squares slope exceeds `slopeMbPerMinute` MB/min (a trend through every minute, not one spike), and
 * - the last minute's heap is more than `growth` (20 %) above the first minute's (the trend is large for this app).
 * The slope alone would flag a one-off step (caches filling in the first minute, then flat) on a long run only
 * weakly but on a short one strongly; the ratio alone would flag a single late collection that had not yet run.
 * Needs at least three minutes: with two, any difference is a "slope".
 */
export function memoryGrowth(minutes: readonly MinuteMemory[], rule = MEMORY_RULE): MemoryVerdict {
  if (minutes.length < 3) return { grows: false, slopeMbPerMinute: 0, growth: 0 };
  const s = slope(minutes.map((m) => ({ x: m.minute, y: m.heapMb })));
  const first = minutes[0]!.heapMb;
  const last = minutes[minutes.length - 1]!.heapMb;
  const growth = first > 0 ? last / first - 1 : 0;
  const grows = s > rule.slopeMbPerMinute && growth > rule.growth;
  return {
    grows,
    slopeMbPerMinute: s,
    growth,
    ...(grows && {
      reason: `la memoria (heap tras recolección) crece ${s.toFixed(1)} MB/min y el último minuto supera al primero en ${Math.round(growth * 100)} %`,
    }),
  };
}

export const DRIFT_RULE = { relative: 0.2, minimumMs: 10 };

/**
 * An operation's p95 drifts when the last full minute's is more than 20 % above the first full minute's AND
 * at least `minimumMs` (10 ms) higher: 2 ms → 3 ms is +50 % but only timer and scheduler noise. Only getting
 * slower counts; a last minute faster than the first (JIT and caches warm) is not a fault.
 */
export function latencyDrift(firstP95: number, lastP95: number, rule = DRIFT_RULE): { drifts: boolean; change: number } {
  if (!Number.isFinite(firstP95) || !Number.isFinite(lastP95) || firstP95 <= 0) return { drifts: false, change: 0 };
  const change = lastP95 / firstP95 - 1;
  return { drifts: change > rule.relative && lastP95 - firstP95 >= rule.minimumMs, change };
}
