import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import type { CredentialSchedule } from './credential-schedule';

type Deps = {
  directory: DirectoryRepository;
  keyFiles: KeyFileRepository;
  schedule: CredentialSchedule;
  searchIndex: ProviderSearchIndex;
};

/**
 * After an assignment, in the queue worker: brings what is derived from the key file up to date (the
 * credential schedule, then the provider's search card). The assignment tries the same right after its
 * save; this is the retry that repairs a failure there. Idempotent: it reads the file as it is now.
 */
export function createProviderReindex({ directory, keyFiles, schedule, searchIndex }: Deps) {
  return async function reindexProvider(nit: string): Promise<void> {
    const [provider, file] = await Promise.all([directory.getProvider(nit), keyFiles.getFile(nit)]);
    if (!file.environments.preproduction && !file.environments.production) return;
    await schedule.plan(file);
    if (!provider) return;
    await searchIndex.index(provider, {
      preproduction: file.environments.preproduction?.expiresOn,
      production: file.environments.production?.expiresOn,
    });
  };
}
