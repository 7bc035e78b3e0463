import { spawnSync } from 'node:child_process';
import { median } from './bench-stats';

/**
 * Cold start outside the Functions host: a fresh `node` process from start to "every function registered"
 * (the bundle's top-level code has run; outside the worker @azure/functions logs each registration it
 * skips), against a process that imports only '@azure/functions'. Time is read inside the child as
 * performance.now(), which counts from the process's start: node's own boot is in both figures.
 */
const probe = (specifier: string) =>
  `await import(${JSON.stringify(specifier)}); process.stdout.write('\\nLISTO ' + performance.now().toFixed(1) + '\\n');`;

function timeImport(specifier: string, cwd: string, env: NodeJS.ProcessEnv): number {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier)], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const match = /LISTO ([\d.]+)/.exec(result.stdout);
  if (result.status !== 0 || !match) throw new Error(`La medición de arranque falló: ${result.stderr.slice(0, 300)}`);
  return Number(match[1]);
}

/**
 * `env`: the app's settings. functions/main.ts reads them and builds the services (which reach storage)
 * before registering anything, so the bundle is timed against the bench's Azurite, as it starts in Azure.
 */
export function measureColdStart(options: { root: string; repetitions: number; env: Record<string, string | undefined> }) {
  const env = { ...process.env, ...options.env };
  const bundle: number[] = [];
  const bare: number[] = [];
  timeImport('@azure/functions', options.root, env); // warms the OS file cache, as a deployed instance would have it
  timeImport('./dist/api/main.js', options.root, env);
  for (let i = 0; i < options.repetitions; i++) {
    bare.push(timeImport('@azure/functions', options.root, env));
    bundle.push(timeImport('./dist/api/main.js', options.root, env));
  }
  return { bundleMs: median(bundle), bareMs: median(bare) };
}
