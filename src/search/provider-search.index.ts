import type { Storage } from '../platform/storage/storage';
import { createIndexWriters } from './search-index-writers';
import { createSearchQuery } from './search-query';
import { searchTables } from './search-rows';
import { createSearchStore } from './search-store';

/**
 * Search index of the providers that have keys (Actualizar Token), so no screen scans the directory (the
 * rows are described in search-rows.ts).
 *
 * Rows are written after each assignment and again by the queue worker for the same event, so a failed
 * write is repaired; the provider page always reads the key file itself. Re-indexing a provider whose name
 * or codes changed takes it out of the words and codes it no longer has.
 */
export function createProviderSearchIndex(storage: Storage) {
  const store = createSearchStore(storage);
  const { index, indexMany } = createIndexWriters(store);
  return {
    index,
    indexMany,
    search: createSearchQuery(store),
    /** Empties every table of the index, for a rebuild; answers how many rows were removed. */
    async clear(): Promise<number> {
      let cleared = 0;
      for (const name of searchTables) cleared += await store.clear(name);
      return cleared;
    },
  };
}
export type ProviderSearchIndex = ReturnType<typeof createProviderSearchIndex>;
