import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createStorage, type Storage } from '../src/platform/storage/storage';
import { folderSource, RestoreRefused } from '../src/platform/storage/table-restore';
import { localEnv } from './local-env';
import { runMain } from './run-main';

const usage = `Uso: npm run restore -- --from <aaaa-mm-dd | carpeta> [--source <cadena de conexión>] [--to <cadena de conexión>]

  --from    Una fecha: la exportación table-exports/<fecha>/ de la cuenta de origen.
            Una carpeta: una copia local con la misma forma (manifest.json y <tabla>.ndjson.gz).
  --source  Cuenta de origen de las exportaciones (por defecto, la del almacenamiento configurado).
  --to      Cuenta de destino (por defecto, la del almacenamiento configurado: IHCE_STORAGE o IHCE_STORAGE__*).
            Cada cuenta: el nombre de una cuenta de Azure (stihce…, con la sesión de az login, sin claves)
            o una cadena de conexión (Azurite).

Solo carga en tablas VACÍAS: si alguna tabla de destino tiene filas, no escribe nada. Antes de escribir
comprueba la huella SHA-256 y el número de filas de cada archivo contra el manifiesto.`;

/** An account given by name (Entra sign-in, as the account allows no shared keys) or by connection string. */
function storageOf(account: string, prefix: string): Storage {
  if (account.includes('=')) return createStorage({ STORAGE_PREFIX: prefix, IHCE_STORAGE: account });
  const uri = (service: string) => `https://${account}.${service}.core.windows.net/`;
  return createStorage({
    STORAGE_PREFIX: prefix,
    IHCE_STORAGE__tableServiceUri: uri('table'),
    IHCE_STORAGE__queueServiceUri: uri('queue'),
    IHCE_STORAGE__blobServiceUri: uri('blob'),
  });
}

/**
 * `npm run restore`: loads a nightly export (functions/tables-export.ts) into empty storage and prints
 * each table's row count. Without settings, the local Azurite of `npm start`.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, source: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.from) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(localEnv());
  const target = values.to ? storageOf(values.to, config.STORAGE_PREFIX) : createStorage(config);
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(values.from) && !(await stat(values.from).catch(() => undefined));
  const origin = values.source ? storageOf(values.source, config.STORAGE_PREFIX) : createStorage(config);
  const source = isDate ? origin.exportSource(values.from) : folderSource(values.from);

  try {
    const report = await target.restoreTables(source);
    console.log(`Restaurado desde ${report.source}:`);
    for (const table of report.tables) console.log(`  ${table.name}: ${table.rows} fila(s)`);
    console.log(`Total: ${report.tables.reduce((sum, table) => sum + table.rows, 0)} fila(s) en ${report.tables.length} tablas.`);
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    console.error(`No se restauró nada: ${error.message}`);
    return 1;
  }
}

runMain(main);
