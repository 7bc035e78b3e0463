import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { rebuildSearchIndex } from '../src/search/search-rebuild';
import { localEnv } from './local-env';
import { runMain } from './run-main';

/**
 * `npm run search:reindex`: rebuilds the search index of Actualizar Token from scratch, from the key files
 * and the directory (src/search/search-rebuild.ts). Run once after upgrading to a release that changes the
 * index layout, after a directory import that renamed providers with keys, or after restoring a backup. Uses
 * the app's configuration (IHCE_STORAGE…), or the local Azurite without it.
 */
async function main(): Promise<number> {
  const services = await buildServices(loadConfig(localEnv()));
  const started = performance.now();
  const report = await rebuildSearchIndex(services);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Índice de búsqueda rehecho: ${report.cleared} fila(s) anteriores borradas, ${report.providers} prestador(es) con llaves indexados, ${report.missing} sin fila en el directorio (no aparecen en la búsqueda), en ${seconds} s.`,
  );
  return 0;
}

runMain(main);
