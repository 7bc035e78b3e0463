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

function timeImport(specifier: string, cwd: string): number {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier)], { cwd, encoding: 'utf8', timeout: 60_000 });
  const match = /LISTO ([\d.]+)/.exec(result.stdout);
  if (result.status !== 0 || !match) throw new Error(`La medición de arranque falló: ${result.stderr.slice(0, 300)}`);
  return Number(match[1]);
}

export function measureColdStart(options: { root: string; repetitions: number }) {
  const bundle: number[] = [];
  const bare: number[] = [];
  timeImport('@azure/functions', options.root); // warms the OS file cache, as a deployed instance would have it
  timeImport('./dist/api/main.js', options.root);
  for (let i = 0; i < options.repetitions; i++) {
    bare.push(timeImport('@azure/functions', options.root));
    bundle.push(timeImport('./dist/api/main.js', options.root));
  }
  return { bundleMs: median(bundle), bareMs: median(bare) };
}
