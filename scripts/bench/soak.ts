import type { Services } from '../../src/composition-root';
import { fileVersion } from '../../src/key-files/key-file';
import { queueNames } from '../../src/platform/storage/storage';
import type { AppProcess } from './app-process';
import { BENCH_PASSWORD, type BenchUser } from './bench-fixtures';
import { solveCaptcha } from './captcha-solver';
import type { MemorySample } from './soak-rules';
import { reportSoak, type Sample } from './soak-report';

/**
 * The soak: a mixed load at a FIXED ARRIVAL RATE (open loop: each operation is sent on its schedule whether
 * or not the earlier ones have answered, so a slowing app shows as growing latency, not as a lower rate),
 * with the queue worker and the timers running in the app. Per operation and minute: p50/p95/p99 and
 * errors; per minute: the app's RSS and heap, reported by the app itself on its stdout.
 *
 * The chain of a key request: a writer's POST /api/my/requests; `lagSeconds` later an official saves keys
 * for that provider (PUT, If-Match read directly from storage, not timed); `lagSeconds` after that the
 * delegate reveals the preproduction ClientSecret.
 */
export type SoakPlan = { seconds: number; rate: number; lagSeconds: number };
type Timed = { response: Response; ms: number };
export type SoakOperation = { key: string; label: string; perSecond: number; startAt: number; count: number };

/** How many writers (one request each) and sign-ins a plan needs. */
export function soakNeeds(plan: SoakPlan) {
  return { writers: Math.ceil(plan.seconds * plan.rate * 0.5) + 1, signers: Math.max(20, Math.ceil(plan.seconds * plan.rate * 0.5)) };
}

export async function runSoak(options: {
  app: AppProcess;
  services: Services;
  plan: SoakPlan;
  signers: BenchUser[];
  writers: { user: BenchUser; nit: string }[];
  officer: BenchUser;
  searches: string[];
  credentialsBody: (i: number) => unknown;
  keyRequest: unknown;
  verdict: (ok: boolean, what: string) => string;
  figure: (key: string, label: string, value: number, unit: string) => void;
  log?: (line: string) => void;
}): Promise<void> {
  const { app, plan, officer } = options;
  const log = options.log ?? console.log;
  const memory: MemorySample[] = [];
  const t0 = performance.now();
  app.onLine((line) => {
    if (!line.startsWith('MEMORIA ')) return;
    const { rss, heapUsed } = JSON.parse(line.slice(8)) as { rss: number; heapUsed: number };
    memory.push({ at: performance.now() - t0, rss, heapUsed });
  });
  const origin = { 'content-type': 'application/json', origin: app.url };
  const address = (i: number) => `198.19.${Math.floor(i / 250) % 250}.${i % 250}`;
  const half = plan.rate * 0.5;
  const lag = plan.lagSeconds * 1000;
  const writers = options.writers;
  const ops: (SoakOperation & { send: (i: number) => Promise<Timed> })[] = [
    {
      key: 'ingreso',
      label: 'Ingreso',
      perSecond: half,
      startAt: 0,
      count: Infinity,
      send: async (i) => {
        // The captcha is fetched and solved before the clock starts: only POST /api/sessions is timed.
        const user = options.signers[i % options.signers.length]!;
        const headers = { 'x-forwarded-for': address(i) };
        const challenge = (await (await fetch(`${app.url}/api/captcha`, { headers })).json()) as Parameters<typeof solveCaptcha>[0];
        const captcha = solveCaptcha(challenge);
        return timed(() =>
          fetch(`${app.url}/api/sessions`, {
            method: 'POST',
            headers: { ...origin, ...headers },
            body: JSON.stringify({ username: user.username, password: BENCH_PASSWORD, captcha }),
          }),
        );
      },
    },
    {
      key: 'solicitud',
      label: 'Solicitud de llaves',
      perSecond: half,
      startAt: 0,
      count: writers.length,
      send: (i) =>
        timed(() =>
          fetch(`${app.url}/api/my/requests`, {
            method: 'POST',
            headers: { ...origin, cookie: writers[i]!.user.cookie },
            body: JSON.stringify(options.keyRequest),
          }),
        ),
    },
    {
      key: 'asignacion',
      label: 'Asignación (guardar llaves)',
      perSecond: half,
      startAt: lag,
      count: writers.length,
      send: async (i) => {
        const version = fileVersion(await options.services.keyFiles.getFile(writers[i]!.nit));
        return timed(() =>
          fetch(`${app.url}/api/providers/${writers[i]!.nit}/credentials`, {
            method: 'PUT',
            headers: { ...origin, cookie: officer.cookie, 'if-match': version },
            body: JSON.stringify(options.credentialsBody(i)),
          }),
        );
      },
    },
    {
      key: 'revelar',
      label: 'Mostrar ClientSecret',
      perSecond: half,
      startAt: 2 * lag,
      count: writers.length,
      send: (i) =>
        timed(() => fetch(`${app.url}/api/my/credentials/preproduction/secret`, { headers: { cookie: writers[i]!.user.cookie } })),
    },
    {
      key: 'busqueda',
      label: 'Búsqueda',
      perSecond: plan.rate * 2,
      startAt: 0,
      count: Infinity,
      send: (i) =>
        timed(() =>
          fetch(`${app.url}/api/providers?assigned=true&q=${encodeURIComponent(options.searches[i % options.searches.length]!)}`, {
            headers: { cookie: officer.cookie },
          }),
        ),
    },
  ];

  const samples = new Map<string, Sample[]>(ops.map((op) => [op.key, []]));
  const details = new Map<string, Map<string, number>>(ops.map((op) => [op.key, new Map()]));
  const end = plan.seconds * 1000;
  const inFlight: Promise<void>[] = [];
  async function timed(call: () => Promise<Response>): Promise<Timed> {
    const start = performance.now();
    const response = await call();
    await response.arrayBuffer();
    return { response, ms: performance.now() - start };
  }
  const fire = (op: (typeof ops)[number], i: number, at: number) => {
    const record = (ok: boolean, ms: number, detail?: string) => {
      samples.get(op.key)!.push({ at, ms, ok });
      if (detail) details.get(op.key)!.set(detail, (details.get(op.key)!.get(detail) ?? 0) + 1);
    };
    inFlight.push(
      op.send(i).then(
        ({ response, ms }) => record(response.ok, ms, response.ok ? undefined : `HTTP ${response.status}`),
        (error: unknown) => record(false, NaN, error instanceof Error ? error.message.slice(0, 80) : 'error'),
      ),
    );
  };
  await Promise.all(
    ops.map(async (op) => {
      const period = 1000 / op.perSecond;
      for (let i = 0; i < op.count; i++) {
        const due = op.startAt + i * period;
        if (due >= end) break;
        const wait = t0 + due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        fire(op, i, due);
      }
    }),
  );
  await Promise.all(inFlight);
  reportSoak({ ops, samples, details, memory, seconds: plan.seconds, verdict: options.verdict, figure: options.figure, log });
}

/**
 * The queues the earlier sections may leave behind, drained by the soak's app before the soak starts, so the soak
 * measures its own load. Answers what was waiting and how long it took. (It was the first suspect for the 2–6 s pause
 * in the soak's first minute after the full HTTP table; the runs of 2026-11-29 found 0 messages waiting, so the pause
 * has another cause: see README «Rendimiento».)
 */
export async function drainBacklog(services: Services, limitSeconds = 600): Promise<{ waiting: number; seconds: number }> {
  const queues = queueNames.map((name) => services.storage.queueOf(name));
  const pending = async () => (await Promise.all(queues.map((queue) => queue.count()))).reduce((a, b) => a + b, 0);
  const waiting = await pending();
  const t0 = performance.now();
  while ((await pending()) > 0) {
    if (performance.now() - t0 > limitSeconds * 1000) throw new Error(`La cola no se vació en ${limitSeconds} s antes de la resistencia.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { waiting, seconds: (performance.now() - t0) / 1000 };
}
