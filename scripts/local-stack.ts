import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const AZURITE_ACCOUNT = 'devstoreaccount1';
/** Azurite's published development key: it only ever opens the local emulator. */
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export type ChildService = { stop(): Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`El puerto ${port} no respondió en ${timeoutMs} ms`);
}

function track(child: ChildProcess, name: string): ChildService {
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      }).then(
        () => undefined,
        () => console.error(`No se pudo detener ${name}`),
      ),
  };
}

export function azuriteConnectionString(ports: { blob: number; queue: number; table: number }): string {
  const base = `http://127.0.0.1`;
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `BlobEndpoint=${base}:${ports.blob}/${AZURITE_ACCOUNT}`,
    `QueueEndpoint=${base}:${ports.queue}/${AZURITE_ACCOUNT}`,
    `TableEndpoint=${base}:${ports.table}/${AZURITE_ACCOUNT}`,
  ].join(';');
}

/** Azurite (Blob, Queue, Table) on loopback, telemetry off; persisted under `location` unless in memory. */
export async function startAzurite(options: {
  ports: { blob: number; queue: number; table: number };
  location?: string;
  onOutput?: (line: string) => void;
}): Promise<ChildService & { connectionString: string }> {
  const bin = require.resolve('azurite/dist/src/azurite.js');
  const args = [
    bin,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(options.ports.blob),
    '--queueHost',
    '127.0.0.1',
    '--queuePort',
    String(options.ports.queue),
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(options.ports.table),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.location ?? process.cwd() });
  forward(child, 'azurite', options.onOutput);
  const service = track(child, 'Azurite');
  try {
    await Promise.all([waitForPort(options.ports.blob), waitForPort(options.ports.queue), waitForPort(options.ports.table)]);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { ...service, connectionString: azuriteConnectionString(options.ports) };
}

/** MailDev: SMTP catcher and web inbox, both on loopback. */
export async function startMailDev(options: {
  smtpPort: number;
  webPort: number;
  onOutput?: (line: string) => void;
}): Promise<ChildService> {
  const bin = path.join(path.dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
  const child = spawn(
    process.execPath,
    [bin, '--smtp', String(options.smtpPort), '--web', String(options.webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  forward(child, 'maildev', options.onOutput);
  const service = track(child, 'MailDev');
  try {
    await Promise.all([waitForPort(options.smtpPort), waitForPort(options.webPort)]);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

function forward(child: ChildProcess, name: string, onOutput?: (line: string) => void) {
  const emit = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onOutput?.(`[${name}] ${line}`);
  };
  child.stdout?.on('data', emit);
  child.stderr?.on('data', emit);
}
