import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDOR_DIR } from '../support/azure-definitions';

/** The id git gives a file's content: a vendored copy edited by hand no longer matches its source. */
const gitBlobId = (content: Buffer) =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex');

/** `copy → blob id` from the table in tests/infra/vendor/README.md (scripts/vendor-azure-schemas.ts writes it). */
function listed(readme: string): Map<string, string> {
  const rows = readme.split('\n').filter((line) => /^\| [\w/-]+ \| `[0-9a-f]{40}` \|/.test(line));
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
      return [cells[4]!, cells[5]!];
    }),
  );
}

describe('vendored Azure definitions', () => {
  const expected = listed(readFileSync(path.join(VENDOR_DIR, 'README.md'), 'utf8'));
  const present = readdirSync(VENDOR_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'README.md')
    .map((entry) => path.relative(VENDOR_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();

  it('lists every copied file in the README, with a licence per source repository', () => {
    expect(present).toEqual([...expected.keys()].sort());
    for (const repo of ['azure-resource-manager-schemas', 'bicep-registry-modules', 'msgraph-bicep-types'])
      expect(present).toContain(`${repo}/LICENSE`);
  });

  it('holds each file exactly as in its source commit (same git blob id)', () => {
    const changed = present.filter((file) => gitBlobId(readFileSync(path.join(VENDOR_DIR, file))) !== expected.get(file));
    expect(changed).toEqual([]);
  });
});
