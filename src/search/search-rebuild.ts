import type { DirectoryRepository } from '../directory/directory.repository';
import { forEachLimited } from '../kernel/concurrency';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { cardStateOf } from '../key-files/provider-flags';
import type { ProviderSearchIndex } from './provider-search.index';

export type SearchRebuildReport = { providers: number; missing: number; cleared: number };

/**
 * Rebuilds the search index of Actualizar Token from scratch (`npm run search:reindex`): every index table is
 * emptied (rows of an older layout, words of old names, providers whose keys are gone), then every key file
 * with keys is loaded again with its provider as the directory has it now. Meant for a quiet moment: a save
 * made while it runs may need the command run again.
 */
export async function rebuildSearchIndex(deps: {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  searchIndex: ProviderSearchIndex;
}): Promise<SearchRebuildReport> {
  const report: SearchRebuildReport = { providers: 0, missing: 0, cleared: await deps.searchIndex.clear() };
  const entries: Parameters<ProviderSearchIndex['indexMany']>[0] = [];
  const files = [];
  for await (const file of deps.keyFiles.listFiles()) {
    if (file.environments.preproduction || file.environments.production) files.push(file);
  }
  await forEachLimited(files, 16, async (file) => {
    const provider = await deps.directory.getProvider(file.nit);
    if (!provider) return void report.missing++;
    entries.push({ provider, ...cardStateOf(file) });
  });
  await deps.searchIndex.indexMany(entries);
  report.providers = entries.length;
  return report;
}
