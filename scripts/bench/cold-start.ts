import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../bundle-options';
import { median } from './bench-stats';
import { functionsWorkerStub } from './functions-worker-stub';

/**
 * Cold start outside the Functions host, in fresh `node` processes; time is read inside the child as
 * performance.now(), which counts from the process's start: node's own boot is in every figure.
 *  - registration: until every function is registered (dist/api/main.js evaluated), against a process that
 *    imports only '@azure/functions'. A stub of the worker's `@azure/functions-core` takes the registrations,
 *    as the worker does in Azure.
 *  - first response: the same process then answers its first request (FIRST_PATH, a typical first screen)
 *    through the local host's adapter (first-response-probe.ts, loaded after registration and not timed):
 *    registration + the request's own time, which includes loading the handlers and building the services.
 *    Against '@azure/functions' with one trivial handler, registered and answered the same way.
 */
export const FIRST_PATH = '/api/site';

const probe = (specifier: string, probeUrl: string | undefined) =>
  `await import(${JSON.stringify(specifier)});
const registered = performance.now();
let line = 'LISTO ' + registered.toFixed(1);
if (${JSON.stringify(probeUrl ?? '')}) {
  const { answerFirstRequest } = await import(${JSON.stringify(probeUrl ?? '')});
  const first = await answerFirstRequest(globalThis.__ihceRegistered ?? [], ${JSON.stringify(FIRST_PATH)});
  if (first.status !== 200) throw new Error('Primera respuesta ' + first.status + ': ' + first.body);
  line += ' RESPUESTA ' + (registered + first.ms).toFixed(1);
}
process.stdout.write('\\n' + line + '\\n');
process.exit(0);`;

function run(specifier: string, probeUrl: string | undefined, cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier, probeUrl)], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const match = /LISTO ([\d.]+)(?: RESPUESTA ([\d.]+))?/.exec(result.stdout);
  if (result.status !== 0 || !match) throw new Error(`La medición de arranque falló: ${result.stderr.slice(0, 300)}`);
  return { registered: Number(match[1]), answered: Number(match[2]) };
}

/** The probe, the worker stub and the bare app with one trivial function, under dist/bench/cold-start (also for tests). */
export async function prepareColdStart(root: string) {
  const dir = path.join(root, 'dist/bench/cold-start');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'scripts/bench/first-response-probe.ts')],
    outdir: dir,
    ...nodeBundleOptions,
    sourcemap: false,
    logLevel: 'error',
  });
  const bare = path.join(dir, 'bare-function.mjs');
  writeFileSync(
    bare,
    `import functions from '@azure/functions';
functions.app.http('site-get', { route: 'site', methods: ['GET'], authLevel: 'anonymous', handler: async () => ({ status: 200, jsonBody: {} }) });
`,
  );
  return {
    probeUrl: pathToFileURL(path.join(dir, 'first-response-probe.js')).href,
    bareUrl: pathToFileURL(bare).href,
    nodePath: functionsWorkerStub(dir),
  };
}

/**
 * `env`: the app's settings. The first request builds the services against the bench's Azurite; locally
 * that build also lists the tables, queues and containers (ensureCreated), which Azure skips: the
 * first-response figure carries that extra cost, it is not hidden.
 */
export async function measureColdStart(options: { root: string; repetitions: number; env: Record<string, string | undefined> }) {
  const { probeUrl, bareUrl, nodePath } = await prepareColdStart(options.root);
  const env = { ...process.env, ...options.env, NODE_PATH: nodePath };
  const samples = { bundle: [] as number[], bare: [] as number[], bundleFirst: [] as number[], bareFirst: [] as number[] };
  // Warms the OS file cache, as a deployed instance would have it.
  run('@azure/functions', undefined, options.root, env);
  run('./dist/api/main.js', probeUrl, options.root, env);
  run(bareUrl, probeUrl, options.root, env);
  for (let i = 0; i < options.repetitions; i++) {
    samples.bare.push(run('@azure/functions', undefined, options.root, env).registered);
    const bundle = run('./dist/api/main.js', probeUrl, options.root, env);
    samples.bundle.push(bundle.registered);
    samples.bundleFirst.push(bundle.answered);
    samples.bareFirst.push(run(bareUrl, probeUrl, options.root, env).answered);
  }
  return {
    bundleMs: median(samples.bundle),
    bareMs: median(samples.bare),
    bundleFirstMs: median(samples.bundleFirst),
    bareFirstMs: median(samples.bareFirst),
  };
}
