import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { cardStateOf } from '../key-files/provider-flags';
import { parseRadicado, type Radicados } from '../requests/radicado';
import type { IndexedProvider } from '../search/search-rows';
import { providerSummary } from './officer-views';

type Deps = { radicados: Pick<Radicados, 'find'>; keyFiles: KeyFileRepository; directory: DirectoryRepository };

/**
 * An official types a radicado (`IHCE-2026-000123`) in the search: the provider that made that request, whether
 * or not it has keys yet, with the radicado on its card. Undefined when what was typed is not a radicado, so the
 * ordinary search answers; an empty list for a number never given or whose request was never saved (a gap).
 */
export function createRadicadoLookup({ radicados, keyFiles, directory }: Deps) {
  return async function lookup(query: string): Promise<(IndexedProvider & { radicado: string })[] | undefined> {
    if (!parseRadicado(query)) return undefined;
    const entry = await radicados.find(query);
    if (!entry) return [];
    const [request, file, provider] = await Promise.all([
      keyFiles.getRequest(entry.nit, entry.requestId),
      keyFiles.getFile(entry.nit),
      directory.getProvider(entry.nit),
    ]);
    if (!request) return [];
    const { nit, name, habilitationCodes, department, municipality } = providerSummary(provider, entry.nit);
    return [{ nit, name, habilitationCodes, department, municipality, ...cardStateOf(file), radicado: entry.radicado }];
  };
}
