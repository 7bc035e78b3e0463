import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rolldown } from 'vite';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

type Chunk = Rolldown.OutputChunk;

const root = path.resolve(import.meta.dirname, '../..');
const web = path.join(root, 'web/src');

// Pages loaded with import() from routes.tsx (lazy-page.tsx): none may be in the first screen's JavaScript.
const lazyPages = [
  'features/officer/components/officer-home.tsx',
  'features/officer/components/pending-requests-page.tsx',
  'features/officer/components/assigned-providers-page.tsx',
  'features/officer/components/provider-page.tsx',
  'features/officer/components/dashboard-page.tsx',
  'features/directory/components/directory-page.tsx',
  'features/delegate/components/delegate-home.tsx',
  'features/delegate/components/request-page.tsx',
  'features/delegate/components/vendor-certificate-page.tsx',
  'features/help/components/help-page.tsx',
  'features/help/components/site-map.tsx',
  'features/accounts/components/prerequisites-page.tsx',
  'features/accounts/components/second-factor-page.tsx',
];

let chunks: Chunk[] = [];
let firstScreen: Chunk[] = [];

beforeAll(async () => {
  // The real production build, in memory (nothing written to dist/web).
  const output = await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'silent', build: { write: false } });
  const outputs = Array.isArray(output) ? output : [output];
  chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((item): item is Chunk => item.type === 'chunk');
  // Entry chunks and, transitively, their static imports: what the browser fetches before /ingresar shows.
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const file of chunk.imports) visit(byFile.get(file)!);
  };
  chunks.filter((chunk) => chunk.isEntry).forEach(visit);
  firstScreen = chunks.filter((chunk) => seen.has(chunk.fileName));
}, 120_000);

const modulesOf = (list: Chunk[]) => new Set(list.flatMap((chunk) => chunk.moduleIds.map((id) => path.relative(web, id.split('?')[0]!))));

describe('web code splitting: the first screen carries the sign-in page and the shell, not the other pages', () => {
  it('keeps every officials’, delegate’s and seldom-used page out of the entry and its static imports', () => {
    const first = modulesOf(firstScreen);
    expect(lazyPages.filter((page) => first.has(page))).toEqual([]);
    expect([...first].filter((id) => id.includes('@simplewebauthn'))).toEqual([]);
    // Each of them is still built, as a chunk loaded on demand.
    const lazy = modulesOf(chunks.filter((chunk) => !firstScreen.includes(chunk)));
    expect(lazyPages.filter((page) => !lazy.has(page))).toEqual([]);
  });

  it('keeps the sign-in page and the shell in the entry (no «Cargando…» before /ingresar)', () => {
    const first = modulesOf(firstScreen);
    for (const page of ['features/accounts/components/sign-in-page.tsx', 'app.tsx', 'routes.tsx', 'components/layout.tsx', 'lib/router.ts'])
      expect(first, page).toContain(page);
  });

  it('keeps the first screen under the bench’s target (60 KB gzip)', () => {
    const gzipped = firstScreen.reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0);
    expect(gzipped / 1024).toBeLessThan(60);
  });
});
