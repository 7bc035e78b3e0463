import { startLocalApp } from '../local-host/local-app';

/**
 * The app under measurement, in its own process (as in Azure, apart from the client that loads it): the
 * local host serving the API, the built web and the queue worker. Settings come as JSON in BENCH_APP_ENV.
 */
const env = JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>;
const app = await startLocalApp({
  env,
  port: Number(env.BENCH_APP_PORT),
  webRoot: env.BENCH_WEB_ROOT || undefined,
  timers: false,
  // autocannon plays many delegates, each from its own network (the rate limits count per address).
  trustForwardedFor: true,
  overrides: { log: () => {} },
});
process.stdout.write(`LISTO ${app.url}\n`);
process.once('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
