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
/** A first request that needs storage (tables only: the rate limit and the challenge), so it loads the tables SDK. */
export const STORAGE_PATH = '/api/captcha';

const probe = (specifier: string, probeUrl: string | undefined, firstPath: string) =>
  `await import(${JSON.stringify(specifier)});
const registered = performance.now();
let line = 'LISTO ' + registered.toFixed(1);
if (${JSON.stringify(probeUrl ?? '')}) {
  const { answerFirstRequest } = await import(${JSON.stringify(probeUrl ?? '')});
  const first = await answerFirstRequest(globalThis.__ihceRegistered ?? [], ${JSON.stringify(firstPath)});
  if (first.status !== 200) throw new Error('Primera respuesta ' + first.status + ': ' + first.body);
  line += ' RESPUESTA ' + (registered + first.ms).toFixed(1);
}
process.stdout.write('\\n' + line + '\\n');
process.exit(0);`;

function run(specifier: string, probeUrl: string | undefined, cwd: string, env: NodeJS.ProcessEnv, firstPath = FIRST_PATH) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier, probeUrl, firstPath)], {
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
const handler = async () => ({ status: 200, jsonBody: {} });
functions.app.http('site-get', { route: 'site', methods: ['GET'], authLevel: 'anonymous', handler });
functions.app.http('captcha-get', { route: 'captcha', methods: ['GET'], authLevel: 'anonymous', handler });
`,
  );
  return {
    probeUrl: pathToFileURL(path.join(dir, 'first-response-probe.js')).href,
    bareUrl: pathToFileURL(bare).href,
    nodePath: functionsWorkerStub(dir),
  };
}

/**
 * `env`: the app's settings. Each bundle process answers one first request: FIRST_PATH (configuration only)
 * or STORAGE_PATH (tables), against Azurite; locally the first operation on each kind of storage first creates
 * what is missing of that kind (ensureCreated), which Azure skips: the storage figure carries that cost.
 * `before`: another build's main.js (the branch's base), measured in the same rounds, interleaved.
 */
export async function measureColdStart(options: {
  root: string;
  repetitions: number;
  env: Record<string, string | undefined>;
  before?: string;
}) {
  const { probeUrl, bareUrl, nodePath } = await prepareColdStart(options.root);
  const env = { ...process.env, ...options.env, NODE_PATH: nodePath };
  const bundles = { after: './dist/api/main.js', ...(options.before && { before: pathToFileURL(options.before).href }) };
  type Samples = { registered: number[]; site: number[]; storage: number[] };
  const empty = (): Samples => ({ registered: [], site: [], storage: [] });
  const samples = { bare: [] as number[], bareFirst: [] as number[], after: empty(), before: empty() };
  // Warms the OS file cache, as a deployed instance would have it.
  run('@azure/functions', undefined, options.root, env);
  for (const main of Object.values(bundles)) run(main, probeUrl, options.root, env);
  run(bareUrl, probeUrl, options.root, env);
  for (let i = 0; i < options.repetitions; i++) {
    samples.bare.push(run('@azure/functions', undefined, options.root, env).registered);
    for (const [which, main] of Object.entries(bundles) as ['after' | 'before', string][]) {
      const site = run(main, probeUrl, options.root, env);
      samples[which].registered.push(site.registered);
      samples[which].site.push(site.answered);
      samples[which].storage.push(run(main, probeUrl, options.root, env, STORAGE_PATH).answered);
    }
    samples.bareFirst.push(run(bareUrl, probeUrl, options.root, env).answered);
  }
  const medians = (s: Samples) => ({ registeredMs: median(s.registered), siteMs: median(s.site), storageMs: median(s.storage) });
  return {
    bareMs: median(samples.bare),
    bareFirstMs: median(samples.bareFirst),
    after: medians(samples.after),
    ...(options.before && { before: medians(samples.before) }),
  };
}
