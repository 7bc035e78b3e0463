import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { diskSource, unreadable } from './directory-files';
import { localEnv } from './local-env';
import type { DirectoryFile, ImportKind, ImportReport } from '../src/directory/directory-import.service';
import { runMain } from './run-main';

/**
 * `npm run directory:import -- --providers FILE --delegates FILE --officers FILE` (any subset) `[--actor WHO]`.
 * Files: CSV separated by «,» or «;» (or tab), UTF-8 with or without BOM or Windows-1252 (see src/directory/csv*.ts);
 * if any file has a bad line, nothing of the run is stored and every bad line is printed with its number.
 * Uses the same settings as the app (IHCE_STORAGE…); with none, the local Azurite of `npm start`. The run's
 * audit record names `--actor` (the operator's institutional e-mail), or else this machine's user@host.
 */
const labels: Record<ImportKind, string> = { providers: 'Prestadores', delegates: 'Delegados', officers: 'Funcionarios' };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      providers: { type: 'string' },
      delegates: { type: 'string' },
      officers: { type: 'string' },
      actor: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.providers && !values.delegates && !values.officers)) {
    console.log(
      'Uso: npm run directory:import -- [--providers archivo.csv] [--delegates archivo.csv] [--officers archivo.csv] [--actor correo@minsalud.gov.co]',
    );
    return values.help ? 0 : 2;
  }
  const files: Partial<Record<ImportKind, DirectoryFile>> = {};
  for (const kind of ['providers', 'delegates', 'officers'] as const) {
    const file = values[kind];
    if (!file) continue;
    const problem = await unreadable(file);
    if (problem) {
      console.error(`No se pudo leer ${file}: ${problem}`);
      return 2;
    }
    files[kind] = diskSource(file); // read as a stream, twice; the import tells UTF-8 from Windows-1252 itself
  }

  const services = await buildServices(loadConfig(localEnv()));
  const started = performance.now();
  const actor = values.actor ?? `${userInfo().username}@${hostname()}`;
  const reports = await services.directoryImport.importFiles(files, { actor });
  const seconds = (performance.now() - started) / 1000;
  reports.forEach(print);
  console.log(`Tiempo total: ${seconds.toFixed(1)} s`);
  return reports.every((report) => report.imported) ? 0 : 1;
}

function print(report: ImportReport) {
  const label = labels[report.kind];
  if (!report.imported && report.errors.length === 0) {
    console.error(`${label}: NO se importó: este archivo está bien, pero otro archivo de la carga tiene errores.`);
    return;
  }
  if (!report.imported) {
    console.error(`${label}: NO se importó nada de este archivo. ${report.errors.length} línea(s) con errores:`);
    for (const error of report.errors) console.error(`  línea ${error.line}: ${error.message}`);
    return;
  }
  console.log(
    `${label}: ${report.rows} fila(s) leídas; ${report.created} nuevos, ${report.updated} actualizados, ${report.unchanged} sin cambios, ${report.removed} retirados.`,
  );
}

runMain(main);
