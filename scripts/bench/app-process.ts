import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../bundle-options';

export type AppProcess = { url: string; stop(): Promise<void>; onLine(listener: (line: string) => void): void };

/**
 * The app runs as Azure runs it: bundled and minified by esbuild (as build-api does for functions/main.ts),
 * here with the local host around it, under plain `node` (no TypeScript loader in the measured process).
 */
export async function bundleApp(root: string): Promise<string> {
  const outfile = path.join(root, 'dist/bench/app/bench-app.mjs');
  await build({
    entryPoints: [path.join(root, 'scripts/bench/bench-app.ts')],
    outfile,
    ...nodeBundleOptions,
    logLevel: 'error',
  });
  return outfile;
}

/** Starts the bundled app; `extraEnv` reaches the process (BENCH_APP_TIMERS, BENCH_APP_MEMORY_MS). */
export async function startApp(options: {
  root: string;
  entry: string;
  env: Record<string, string | undefined>;
  port: number;
  extraEnv?: Record<string, string>;
}): Promise<AppProcess> {
  // BENCH_APP_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=dist/bench/prof`) profiles the app under load.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, options.entry], {
    cwd: options.root,
    env: {
      ...process.env,
      ...options.extraEnv,
      BENCH_APP_ENV: JSON.stringify({
        ...options.env,
        BENCH_APP_PORT: String(options.port),
        BENCH_WEB_ROOT: path.join(options.root, 'dist/web'),
      }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listeners: ((line: string) => void)[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^LISTO (\S+)/.exec(line);
      if (match) resolve(match[1]!);
      for (const listener of listeners) listener(line);
    });
    child.once('exit', (code) => reject(new Error(`La app terminó al arrancar (código ${code})`)));
  });
  return {
    url,
    onLine: (listener) => listeners.push(listener),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
