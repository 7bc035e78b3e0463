import type { DirectoryRepository } from '../directory/directory.repository';
import { forEachLimited } from '../kernel/concurrency';
import type { Storage } from '../platform/storage';
import type { KeyFile, KeyFileRepository } from '../requests/key-file.repository';
import type { ProviderSearchIndex } from './provider-search.index';

export type SearchRebuildReport = { providers: number; missing: number; failed: number; stale: number };

/**
 * Rebuilds the search index of Actualizar Token from every key file with keys and the directory as it is now
 * (`npm run search:reindex`). Rows of an older layout (a card or code row under another RowKey) are removed
 * first. Idempotent; one provider's failure is logged and counted, the rest go on.
 */
export async function rebuildSearchIndex(deps: {
  storage: Storage;
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  searchIndex: ProviderSearchIndex;
  log: (message: string) => void;
}): Promise<SearchRebuildReport> {
  const report: SearchRebuildReport = { providers: 0, missing: 0, failed: 0, stale: 0 };
  for (const [name, current] of [['idxnit', 'card'], ['idxcode', 'codes']] as const) {
    const table = deps.storage.table(name);
    for await (const row of table.listEntities({ queryOptions: { filter: `RowKey ne '${current}'`, select: ['PartitionKey', 'RowKey'] } })) {
      await table.deleteEntity(row.partitionKey!, row.rowKey!);
      report.stale++;
    }
  }
  const reindex = (batch: KeyFile[]) =>
    forEachLimited(batch, 8, async (file) => {
      try {
        const provider = await deps.directory.getProvider(file.nit);
        if (!provider) return void report.missing++;
        await deps.searchIndex.index(provider, { preproduction: file.environments.preproduction?.expiresOn, production: file.environments.production?.expiresOn });
        report.providers++;
      } catch (error) {
        report.failed++;
        deps.log(`No se pudo indexar ${file.nit}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  let batch: KeyFile[] = [];
  for await (const file of deps.keyFiles.listFiles()) {
    if (!file.environments.preproduction && !file.environments.production) continue;
    batch.push(file);
    if (batch.length >= 64) {
      await reindex(batch);
      batch = [];
    }
  }
  await reindex(batch);
  return report;
}
