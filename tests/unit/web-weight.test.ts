import { describe, expect, it } from 'vitest';
import { firstScreenFiles, kb, splitWeight, type Manifest } from '../../scripts/bench/web-weight';

// The shape Vite writes: the entry, a shared chunk it imports statically, and a page loaded with import().
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-a.js',
    isEntry: true,
    imports: ['_shared-b.js'],
    dynamicImports: ['src/dashboard-page.tsx'],
    css: ['assets/index-c.css'],
  },
  '_shared-b.js': { file: 'assets/shared-b.js' },
  'src/dashboard-page.tsx': {
    file: 'assets/dashboard-page-d.js',
    imports: ['index.html', '_shared-b.js'],
    dynamicImports: ['src/chart.ts'],
  },
  'src/chart.ts': { file: 'assets/chart-e.js' },
};

describe('web weight: first screen from the Vite manifest', () => {
  it('counts the entry and its static imports, not the chunks loaded with import()', () => {
    expect([...firstScreenFiles(manifest)].sort()).toEqual(['assets/index-a.js', 'assets/index-c.css', 'assets/shared-b.js']);
  });

  it('splits the assets into first-screen JavaScript, lazy chunks and CSS', () => {
    const size = (file: string, gzipped: number) => ({ file, bytes: gzipped * 3, gzipped });
    const weight = splitWeight(
      [
        size('assets/index-a.js', 30_720),
        size('assets/shared-b.js', 10_240),
        size('assets/dashboard-page-d.js', 5_120),
        size('assets/chart-e.js', 61_440),
        size('assets/index-c.css', 2_048),
      ],
      manifest,
    );
    expect(kb(weight.firstJs)).toBe(40);
    expect(weight.lazyJs.map((a) => a.file)).toEqual(['assets/dashboard-page-d.js', 'assets/chart-e.js']);
    expect(kb(weight.css)).toBe(2);
  });
});
