import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions';
import { testEnv } from '../support/test-app';

const run = promisify(execFile);
/** The app settings of a Function App, and nothing else of this process's environment. */
const appSettings = (settings: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...settings });

describe('Azure entry point', () => {
  it('the esbuild bundle loads on Node and registers every function of the one definitions list', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    await run(tsx, ['scripts/build-api.ts'], { timeout: 60_000 });
    // Outside the Functions worker the package runs in "test mode" and names each registration it skips.
    const { stderr, stdout } = await run(process.execPath, ['-e', "import('./dist/api/main.js')"], {
      env: appSettings(testEnv()),
      timeout: 30_000,
    });
    const output = stdout + stderr;
    for (const definition of functionDefinitions) {
      expect(output, definition.name).toContain(`register function "${definition.name}"`);
    }
    const names = functionDefinitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    // The breached-password list (zxcvbn-ts's dictionary, ~430 KB) is a chunk of its own: a cold start does not read it.
    expect(await readFile('dist/api/main.js', 'utf8')).not.toContain('azerty');
  }, 90_000);

  it('a missing or bad setting fails the start naming it, before any function is registered', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    await run(tsx, ['scripts/build-api.ts'], { timeout: 60_000 });
    const { CAPTCHA_HMAC_KEY: _missing, ...settings } = testEnv({ MAIL_TRANSPORT: 'correo-postal' });
    const start = run(process.execPath, ['-e', "import('./dist/api/main.js')"], { env: appSettings(settings), timeout: 30_000 });
    const failure: { code?: number; stdout: string; stderr: string } = await start.then(
      () => expect.fail('the app started without CAPTCHA_HMAC_KEY'),
      (error: { code?: number; stdout: string; stderr: string }) => error,
    );
    expect(failure.code).not.toBe(0);
    expect(failure.stderr).toContain('Configuración inválida');
    expect(failure.stderr).toContain('CAPTCHA_HMAC_KEY');
    expect(failure.stderr).toContain('MAIL_TRANSPORT');
    expect(failure.stdout + failure.stderr).not.toContain('register function');
  }, 90_000);

  it('the package azd deploys holds host.json, a dependency-free package.json and the bundle, and loads on its own', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    await run(tsx, ['scripts/build-api.ts'], { timeout: 60_000 });
    await run(tsx, ['scripts/package-api.ts'], { timeout: 30_000 });
    const packageDir = path.resolve('dist/api-package');

    expect((await readdir(packageDir)).sort()).toEqual([
      'chunks',
      'host.json',
      'main.js',
      'main.js.LEGAL.txt',
      'main.js.map',
      'package.json',
    ]);
    const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ type: 'module', main: 'main.js' });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(await readFile(path.join(packageDir, 'host.json'), 'utf8')).toBe(await readFile('host.json', 'utf8'));

    // Run from the package folder: nothing outside it (no node_modules) is needed.
    const { stderr, stdout } = await run(process.execPath, ['-e', "import('./main.js')"], {
      cwd: packageDir,
      env: appSettings(testEnv()),
      timeout: 30_000,
    });
    for (const definition of functionDefinitions) {
      expect(stdout + stderr, definition.name).toContain(`register function "${definition.name}"`);
    }
    // The chunks loaded on first use (Graph, Key Vault, mail SDKs) also load from the package alone.
    const chunks = (await readdir(path.join(packageDir, 'chunks'))).filter((name) => name.endsWith('.js'));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const loaded = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `for (const c of ${JSON.stringify(chunks)}) await import('./chunks/' + c); console.log('fragmentos cargados');`,
      ],
      { cwd: packageDir, timeout: 30_000 },
    );
    expect(loaded.stdout).toContain('fragmentos cargados');
  }, 90_000);
  it('the package carries a linked source map naming our src/ files, and with --enable-source-maps a stack trace names them', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    await run(tsx, ['scripts/build-api.ts'], { timeout: 60_000 });
    await run(tsx, ['scripts/package-api.ts'], { timeout: 30_000 });
    const packageDir = path.resolve('dist/api-package');
    expect((await readFile(path.join(packageDir, 'main.js'), 'utf8')).trimEnd()).toMatch(/\/\/# sourceMappingURL=main\.js\.map$/);
    const sourcesOf = async (file: string) =>
      (JSON.parse(await readFile(path.join(packageDir, file), 'utf8')) as { sources: string[] }).sources;
    const mainSources = await sourcesOf('main.js.map');
    expect(mainSources).toEqual(expect.arrayContaining([expect.stringMatching(/(^|\/)functions\/main\.ts$/)]));
    // What main.js shares with the lazily loaded parts (configuration, among others) may sit in a chunk: each carries its map.
    const chunkMaps = (await readdir(path.join(packageDir, 'chunks'))).filter((file) => file.endsWith('.js.map'));
    const chunkSources = (await Promise.all(chunkMaps.map((file) => sourcesOf(path.join('chunks', file))))).flat();
    expect([...mainSources, ...chunkSources]).toEqual(expect.arrayContaining([expect.stringMatching(/(^|\/)src\/config\/index\.ts$/)]));

    // The Function App runs Node with this flag (languageWorkers__node__arguments in infra/app/api.bicep).
    const { CAPTCHA_HMAC_KEY: _missing, ...settings } = testEnv();
    const failure: { stderr: string } = await run(process.execPath, ['--enable-source-maps', '-e', "import('./main.js')"], {
      cwd: packageDir,
      env: appSettings(settings),
      timeout: 30_000,
    }).then(
      () => expect.fail('the app started without CAPTCHA_HMAC_KEY'),
      (error: { stderr: string }) => error,
    );
    expect(failure.stderr).toMatch(/at .*src\/config\/index\.ts:\d+:\d+/);
  }, 90_000);
});
