import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { IMPORT_CONCURRENCY } from '../../src/directory/directory-import.service';
import { forEachLimited } from '../../src/kernel/concurrency';
import { partitionBatches } from '../../src/platform/storage/keys';
import type { SyntheticProvider } from './synthetic-reps';
import { providersCsv, syntheticReps } from './synthetic-reps';

/**
 * The floor of the directory import: the very rows it writes (one `provider` row per NIT, as
 * directory.table-repository.ts writes them) upserted into a scratch table of the same Azurite, grouped by
 * partition in batches of at most 100 (a batch of one is a plain upsert), with the import's own concurrency.
 */
export async function importFloorSeconds(connectionString: string, providers: readonly SyntheticProvider[]): Promise<number> {
  const table = TableClient.fromConnectionString(connectionString, 'benchfloorimport', { allowInsecureConnection: true });
  await table.createTable();
  const rows = providers.map((p) => ({
    partitionKey: p.nit,
    rowKey: 'provider',
    name: p.name,
    sites: JSON.stringify([...p.sites].sort((a, b) => a.habilitationCode.localeCompare(b.habilitationCode))),
  }));
  const t0 = performance.now();
  await forEachLimited(partitionBatches(rows), IMPORT_CONCURRENCY, async (batch) => {
    if (batch.length === 1) await table.upsertEntity(batch[0]! as TableEntity, 'Replace');
    else await table.submitTransaction(batch.map((row): TransactionAction => ['upsert', row as TableEntity, 'Replace']));
  });
  const seconds = (performance.now() - t0) / 1000;
  await table.deleteTable();
  return seconds;
}

/** `buffersPeakMb`: the peak of the child's buffers (arrayBuffers), where a file read whole would sit. */
export type MemoryPoint = { rows: number; fileMb: number; peakMb: number; baselineMb: number; buffersPeakMb: number; seconds: number };

/**
 * Peak memory (RSS) of the import at each size, each in a child process of its own (scripts/bench/import-memory.ts)
 * that reads the file as the command line does (a stream from disk, opened again for each reading) and imports it into its own table prefix.
 */
export function importMemorySeries(root: string, env: Record<string, string | undefined>, sizes: readonly number[]): MemoryPoint[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ihce-import-'));
  try {
    return sizes.map((rows, i) => {
      const file = path.join(dir, `reps-${rows}.csv`);
      writeFileSync(file, providersCsv(syntheticReps(Math.round(rows * 0.75), rows, 2026 + i)));
      const child = spawnSync(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/bench/import-memory.ts'), file],
        { cwd: root, env: { ...process.env, ...env, STORAGE_PREFIX: `mem${i}` }, encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) throw new Error(`import-memory ${rows}: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<MemoryPoint, 'rows' | 'fileMb'>;
      return { rows, fileMb: statSync(file).size / 2 ** 20, ...result };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
