import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions';
import { nodeBundleOptions } from '../../scripts/bundle-options';
import { prepareColdStart } from '../../scripts/bench/cold-start';
import { testEnv } from '../support/test-app';

const root = path.resolve(import.meta.dirname, '../..');
const out = 'dist/test-cold-start-run';
/** Never at start nor on the first screen's request: each belongs to a feature that loads it on first use. */
const HEAVY = [
  '@microsoft/microsoft-graph-client',
  '@azure/keyvault-secrets',
  '@azure/communication-email',
  'openid-client',
  'chart.js',
  'csv-parse',
  'csv-stringify',
  'iconv-lite',
  'qrcode',
  '@simplewebauthn',
  'nodemailer',
];
/** What the first request loads (services and handlers), never registration. */
/** Loaded on the first operation on that kind of storage (src/platform/storage/sdk.ts), never before. */
const STORAGE_SDKS = ['@azure/data-tables', '@azure/storage-queue', '@azure/storage-blob', '@azure/identity', '@azure/msal-node'];
const FIRST_REQUEST_ONLY = ['@azure/data-tables', '@azure/storage-queue', '@azure/storage-blob', '@azure/identity', '@azure/msal-node'];

let metafile: Metafile;
let harness: Awaited<ReturnType<typeof prepareColdStart>>;

/**
 * A fresh node process, as the Functions worker starts one: it imports the bundled main.js (the worker stub
 * takes the registrations), lists the bundle's files loaded by then, then answers `paths` (GET /api/site unless
 * told) one after the other through the local host's adapter and lists them again. A start that throws prints
 * the error's name and message. `failOnce`: bundle files whose first load fails (a lazy SDK load that breaks).
 */
function start(env: Record<string, string>, paths: string[] = ['/api/site'], failOnce: string[] = []) {
  const failing = failOnce.map((file) => pathToFileURL(path.join(root, file)).href);
  const code = `
import { registerHooks } from 'node:module';
const loaded = [];
const failing = new Set(${JSON.stringify(failing)});
registerHooks({ load(url, context, next) {
  if (failing.delete(url)) throw new Error('carga fallida a propósito: ' + url);
  loaded.push(url);
  return next(url, context);
} });
const report = (fields) => { process.stdout.write('\\nINFORME ' + JSON.stringify(fields) + '\\n'); process.exit(0); };
try {
  await import(${JSON.stringify(pathToFileURL(path.join(root, out, 'main.js')).href)});
} catch (error) {
  report({ error: error.name, message: error.message, registered: (globalThis.__ihceRegistered ?? []).length });
}
const atRegistration = [...loaded];
const { answerFirstRequest } = await import(${JSON.stringify(harness.probeUrl)});
const answers = [];
for (const path of ${JSON.stringify(paths)}) answers.push(await answerFirstRequest(globalThis.__ihceRegistered, path));
report({ registered: globalThis.__ihceRegistered.length, atRegistration, atFirstResponse: loaded, status: answers[0].status, body: answers[0].body, answers });`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env, NODE_PATH: harness.nodePath },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = /INFORME (.*)/.exec(result.stdout);
  if (!line) throw new Error(`El proceso no informó: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(line[1]!) as {
    registered: number;
    error?: string;
    message?: string;
    atRegistration: string[];
    atFirstResponse: string[];
    status: number;
    body: string;
    answers: { status: number; body: string; headers?: Record<string, string> }[];
  };
}

/** The source files and packages inside the bundle's files that were loaded. */
function inputsOf(urls: string[]): string[] {
  const files = urls.filter((url) => url.startsWith('file:')).map((url) => path.relative(root, new URL(url).pathname));
  return files.flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {}));
}
const packagesAmong = (inputs: string[], names: string[]) =>
  names.filter((name) => inputs.some((input) => input.includes(`node_modules/${name}/`)));

describe('cold start: registration, then the first request of the first screen', () => {
  beforeAll(async () => {
    const result = await build({
      entryPoints: [path.join(root, 'functions/main.ts')],
      outdir: path.join(root, out),
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      ...nodeBundleOptions,
      sourcemap: false,
      metafile: true,
      logLevel: 'error',
    });
    metafile = result.metafile;
    harness = await prepareColdStart(root);
  }, 120_000);

  it('registers every function loading neither the services, the storage SDKs nor a heavy module', { timeout: 60_000 }, () => {
    const run = start(testEnv());
    expect(run.error).toBeUndefined();
    expect(run.registered).toBe(functionDefinitions.length);
    const atRegistration = inputsOf(run.atRegistration);
    expect(atRegistration).toContain('functions/routes.ts');
    expect(atRegistration).not.toContain('src/composition-root.ts');
    expect(atRegistration).not.toContain('functions/definitions.ts');
    expect(packagesAmong(atRegistration, [...FIRST_REQUEST_ONLY, ...HEAVY])).toEqual([]);
  });

  it(
    'answers GET /api/site loading no heavy module (Graph, Key Vault, OpenID, charts, CSV, QR, passkeys, mail)',
    { timeout: 60_000 },
    () => {
      const run = start(testEnv());
      expect(run.status).toBe(200);
      expect(run.body).toContain('"entityName"');
      const atFirst = inputsOf(run.atFirstResponse);
      expect(atFirst).toContain('src/composition-root.ts'); // the services were built by this request
      expect(packagesAmong(atFirst, HEAVY)).toEqual([]);
    },
  );

  it('GET /api/site (configuration only) loads no storage or identity SDK', { timeout: 60_000 }, () => {
    const run = start(testEnv());
    expect(run.status).toBe(200);
    expect(packagesAmong(inputsOf(run.atFirstResponse), STORAGE_SDKS)).toEqual([]);
  });

  it(
    'a first table-only request (GET /api/captcha) loads the tables SDK and neither the queues nor the blobs one',
    { timeout: 60_000 },
    () => {
      const run = start(testEnv(), ['/api/captcha']);
      expect(run.status).toBe(200);
      const atFirst = inputsOf(run.atFirstResponse);
      expect(packagesAmong(atFirst, STORAGE_SDKS)).toEqual(['@azure/data-tables']);
    },
  );

  it(
    'a tables SDK that fails to load answers that request 503 (storage unavailable) and loads again on the next',
    { timeout: 60_000 },
    () => {
      const chunks = Object.entries(metafile.outputs)
        .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes('node_modules/@azure/data-tables/')))
        .map(([file]) => file);
      expect(chunks).not.toContain(`${out}/main.js`);
      const run = start(testEnv(), ['/api/captcha', '/api/captcha'], chunks);
      expect(run.answers.map((answer) => answer.status)).toEqual([503, 200]);
      expect(run.answers[0]!.body).toContain('almacenamiento-no-disponible');
    },
  );

  it('a bad setting still fails the start itself, naming the setting, with no function registered', { timeout: 60_000 }, () => {
    const run = start(testEnv({ CAPTCHA_HMAC_KEY: 'corta' }));
    expect(run.error).toBe('ConfigError');
    expect(run.message).toContain('CAPTCHA_HMAC_KEY');
    expect(run.registered).toBe(0);
  });
});
