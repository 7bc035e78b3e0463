import { buildServices } from '../shared/composition-root';
import { loadConfig } from '../shared/config';
import { forEachLimited } from '../shared/kernel/concurrency';
import type { KeyFile } from '../shared/requests/key-file.repository';
import { localEnv } from './local-env';

/**
 * `npm run search:reindex`: rebuilds the search index of Actualizar Token from every key file with keys and
 * the directory (names and codes as they are now). Idempotent; run once after upgrading to a release that
 * changes the index layout (rows of an older layout are removed first), after a directory import that renamed
 * providers, or after restoring a backup. Uses the app's configuration (IHCE_STORAGE…), or the local Azurite.
 */
async function main(): Promise<number> {
  const services = await buildServices(loadConfig(localEnv()));
  const started = performance.now();
  let stale = 0;
  for (const [name, current] of [['idxnit', 'card'], ['idxcode', 'codes']] as const) {
    const table = services.storage.table(name);
    for await (const row of table.listEntities({ queryOptions: { filter: `RowKey ne '${current}'`, select: ['PartitionKey', 'RowKey'] } })) {
      await table.deleteEntity(row.partitionKey!, row.rowKey!);
      stale++;
    }
  }
  const totals = { providers: 0, missing: 0, failed: 0 };
  let batch: KeyFile[] = [];
  const flush = async () => {
    await forEachLimited(batch, 8, async (file) => {
      try {
        const provider = await services.directory.getProvider(file.nit);
        if (!provider) return void totals.missing++;
        await services.searchIndex.index(provider, { preproduction: file.environments.preproduction?.expiresOn, production: file.environments.production?.expiresOn });
        totals.providers++;
      } catch (error) {
        totals.failed++;
        console.error(`No se pudo indexar ${file.nit}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    batch = [];
  };
  for await (const file of services.keyFiles.listFiles()) {
    if (!file.environments.preproduction && !file.environments.production) continue;
    batch.push(file);
    if (batch.length >= 64) await flush();
  }
  await flush();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Índice de búsqueda: ${totals.providers} prestador(es) indexados, ${totals.missing} sin fila en el directorio, ${totals.failed} con error, ${stale} fila(s) de un formato anterior borradas, en ${seconds} s.`);
  return totals.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
