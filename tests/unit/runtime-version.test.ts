import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_MAJOR, PINNED } from '../../scripts/node22.mjs';
import { nodeBundleOptions } from '../../scripts/bundle-options';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('Node 22 baseline', () => {
  it('the tests run under Node 22 or later, as in Azure (npm test starts them through scripts/node22.mjs)', () => {
    console.log(`Node ${process.version}`);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('engines, types, bundle target and the bootstrap agree on Node 22', () => {
    expect(MIN_MAJOR).toBe(22);
    expect(pkg.engines.node).toMatch(/^>=22(\.|$)/);
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^22\./);
    expect(nodeBundleOptions.target).toBe('node22');
    // The pinned release satisfies engines (">=22.12").
    const [, minor] = pkg.engines.node.replace('>=', '').split('.').map(Number);
    expect(Number(PINNED.version.split('.')[1])).toBeGreaterThanOrEqual(minor ?? 0);
  });
});
