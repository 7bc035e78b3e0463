import { startLocalApp } from '../local-host/local-app';

/**
 * The app under measurement, in its own process (as in Azure, apart from the client that loads it): the
 * local host serving the API, the built web and the queue worker. Settings come as JSON in BENCH_APP_ENV.
 * BENCH_APP_TIMERS=1 runs the timers too (the soak); BENCH_APP_MEMORY_MS=n writes a `MEMORIA {json}` line
 * on stdout every n ms (the pipe to the bench only: no HTTP route is added to the product).
 */
const env = JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>;
const app = await startLocalApp({
  env,
  port: Number(env.BENCH_APP_PORT),
  webRoot: env.BENCH_WEB_ROOT || undefined,
  timers: process.env.BENCH_APP_TIMERS === '1',
  // autocannon plays many delegates, each from its own network (the rate limits count per address).
  trustForwardedFor: true,
  overrides: { log: () => {} },
});
process.stdout.write(`LISTO ${app.url}\n`);
const every = Number(process.env.BENCH_APP_MEMORY_MS ?? 0);
if (every > 0) {
  setInterval(() => {
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    process.stdout.write(`MEMORIA ${JSON.stringify({ rss, heapUsed, heapTotal })}\n`);
  }, every).unref();
}
process.once('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
