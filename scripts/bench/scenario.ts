import { combine, loadHttp, loadOperation, type LoadResult, type LoadSize } from './load-runner';

export type ScenarioContext = {
  url: () => string;
  warmup: number;
  connections: number;
  slices: number;
  targets: { readRatio: number; searchP95Ms: number };
  verdict: (ok: boolean, what: string) => string;
  figure: (key: string, label: string, value: number, unit: string, better?: 'lower' | 'higher') => void;
  rows: string[];
};

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** One endpoint under autocannon beside its floor (the same storage operations, direct), judged and recorded. */
export function createScenario(ctx: ScenarioContext) {
  return async function scenario(
    key: string,
    label: string,
    kind: 'read' | 'search' | 'write',
    size: LoadSize,
    request: Parameters<typeof loadHttp>[0]['request'],
    floorOperation: (i: number) => Promise<unknown>,
  ) {
    if (kind !== 'write' && ctx.warmup > 0) {
      // Unmeasured warm-up of both (JIT, sockets), as on an instance that has been serving for a while.
      await loadHttp({ url: ctx.url(), connections: ctx.connections, size: { seconds: ctx.warmup }, request });
      await loadOperation({ concurrency: ctx.connections, size: { seconds: ctx.warmup }, operation: floorOperation });
    }
    let endpoint: LoadResult;
    let floor: LoadResult;
    if ('seconds' in size) {
      // Reads alternate endpoint and floor in short slices, so a drift of the shared Azurite (its heap, its
      // collector) falls on both alike instead of on whichever ran second.
      const slices = Math.max(1, ctx.slices);
      const slice = { seconds: size.seconds / slices };
      const endpoints: LoadResult[] = [];
      const floors: LoadResult[] = [];
      let sent = 0; // each slice goes on with the next items, not the first ones again
      let done = 0;
      for (let i = 0; i < slices; i++) {
        const e = await loadHttp({ url: ctx.url(), connections: ctx.connections, size: slice, request: (k) => request(sent + k) });
        const f = await loadOperation({ concurrency: ctx.connections, size: slice, operation: (k) => floorOperation(done + k) });
        sent += e.count + e.errors;
        done += f.count + f.errors;
        endpoints.push(e);
        floors.push(f);
      }
      endpoint = combine(endpoints);
      floor = combine(floors);
    } else {
      endpoint = await loadHttp({ url: ctx.url(), connections: ctx.connections, size, request });
      floor = await loadOperation({ concurrency: ctx.connections, size, operation: floorOperation });
    }
    const ratio = endpoint.p50 / floor.p50;
    const checks: string[] = [];
    if (kind !== 'write')
      checks.push(`≤ ${ctx.targets.readRatio}×: ${ctx.verdict(ratio <= ctx.targets.readRatio, `${label} ${fmt(ratio, 2)}× su piso`)}`);
    if (kind === 'search')
      checks.push(
        `p95 < ${ctx.targets.searchP95Ms} ms: ${ctx.verdict(endpoint.p95 < ctx.targets.searchP95Ms, `${label} p95 ${fmt(endpoint.p95)} ms`)}`,
      );
    checks.push(`sin errores: ${ctx.verdict(endpoint.errors === 0, `${label}: ${endpoint.errorDetail}`)}`);
    if (floor.errors > 0) console.log(`  (el piso de ${label} tuvo ${floor.errors} errores: ${floor.errorDetail})`);
    ctx.rows.push(
      `| ${label} | ${endpoint.count} | ${fmt(endpoint.rps)} | ${fmt(endpoint.p50)} | ${fmt(endpoint.p95)} | ${fmt(endpoint.p99)} | ${endpoint.errors} | ${fmt(floor.p50)} | ${fmt(ratio, 2)}× | ${checks.join('; ')} |`,
    );
    console.log(
      `  ${label}: ${fmt(endpoint.rps)} req/s, p50 ${fmt(endpoint.p50)} ms, p95 ${fmt(endpoint.p95)} ms, piso p50 ${fmt(floor.p50)} ms`,
    );
    ctx.figure(`${key}.rps`, `${label}: req/s`, endpoint.rps, 'req/s', 'higher');
    ctx.figure(`${key}.p50`, `${label}: p50`, endpoint.p50, 'ms');
    ctx.figure(`${key}.p95`, `${label}: p95`, endpoint.p95, 'ms');
  };
}
