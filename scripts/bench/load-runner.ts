import autocannon from 'autocannon';
import { summarize, type LatencySummary } from './bench-stats';

export type LoadResult = LatencySummary & { rps: number; errors: number; errorDetail?: string; latencies: number[]; seconds: number };

/** Several slices of the same load as one result: percentiles over all their latencies, rate over their time. */
export function combine(parts: readonly LoadResult[]): LoadResult {
  const latencies = parts.flatMap((part) => part.latencies);
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const errors = parts.reduce((sum, part) => sum + part.errors, 0);
  const detail = parts
    .map((part) => part.errorDetail)
    .filter(Boolean)
    .join('; ');
  return {
    ...summarize(latencies),
    latencies,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    errors,
    ...(detail && { errorDetail: detail }),
  };
}

/** Either a fixed duration (reads) or a fixed amount of distinct items (writes, one state change each). */
export type LoadSize = { seconds: number } | { amount: number };

/**
 * Requests over HTTP with autocannon at a fixed concurrency. Each request is built by `request(i)` (i = 0,
 * 1, 2…), so every write can target its own provider or account. Latencies are taken per response, so the
 * percentiles are computed exactly as for the floors.
 */
export async function loadHttp(options: {
  url: string;
  connections: number;
  size: LoadSize;
  request: (i: number) => { method: string; path: string; headers?: Record<string, string>; body?: string };
}): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    timeout: 30,
    ...('seconds' in options.size ? { duration: options.size.seconds } : { amount: options.size.amount }),
    requests: [{ setupRequest: (raw) => ({ ...raw, ...options.request(next++) }) }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  const failed = [...statuses].filter(([status]) => status >= 400);
  const errors = result.errors + result.timeouts + failed.reduce((sum, [, count]) => sum + count, 0);
  return {
    ...summarize(latencies),
    latencies,
    seconds: result.duration,
    rps: latencies.length / result.duration,
    errors,
    ...(errors > 0 && {
      errorDetail: [
        ...failed.map(([s, c]) => `${c}× HTTP ${s}`),
        result.errors && `${result.errors} errores de conexión`,
        result.timeouts && `${result.timeouts} sin respuesta`,
      ]
        .filter(Boolean)
        .join(', '),
    }),
  };
}

/** The same shape of load against a plain async operation (the floors): `concurrency` loops pulling the next i. */
export async function loadOperation(options: {
  concurrency: number;
  size: LoadSize;
  operation: (i: number) => Promise<unknown>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  let next = 0;
  const started = performance.now();
  const deadline = 'seconds' in options.size ? started + options.size.seconds * 1000 : Infinity;
  const amount = 'amount' in options.size ? options.size.amount : Infinity;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline && next < amount) {
        const i = next++;
        const t0 = performance.now();
        try {
          await options.operation(i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ...summarize(latencies),
    latencies,
    seconds,
    rps: latencies.length / seconds,
    errors,
    ...(errors > 0 && { errorDetail: firstError instanceof Error ? firstError.message.slice(0, 200) : String(firstError) }),
  };
}
