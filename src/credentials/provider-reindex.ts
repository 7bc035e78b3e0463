import type { DirectoryRepository } from '../directory/directory.repository';
import { hasKeys } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { cardStateOf } from '../key-files/provider-flags';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import type { CredentialSchedule } from './credential-schedule';

type Deps = {
  directory: DirectoryRepository;
  keyFiles: KeyFileRepository;
  schedule: CredentialSchedule;
  searchIndex: ProviderSearchIndex;
};

/**
 * What is derived from a key file, brought up to date from the file as it is now (idempotent):
 * - `reindexProvider`, after an assignment, in the queue worker: the credential schedule, then the provider's
 *   search card. The assignment tries the same right after its save; this is the retry that repairs a failure there.
 * - `refreshSearchCard`, after a request or a rejection: only the card (its flags). Providers without keys are
 *   not in the search, so nothing is written for them.
 */
export function createProviderReindex({ directory, keyFiles, schedule, searchIndex }: Deps) {
  async function card(nit: string, plan: boolean): Promise<void> {
    const [provider, file] = await Promise.all([directory.getProvider(nit), keyFiles.getFile(nit)]);
    if (!hasKeys(file)) return;
    if (plan) await schedule.plan(file);
    if (!provider) return;
    await searchIndex.index(provider, cardStateOf(file));
  }
  return {
    reindexProvider: (nit: string) => card(nit, true),
    refreshSearchCard: (nit: string) => card(nit, false),
  };
}
export type ProviderReindex = ReturnType<typeof createProviderReindex>;
