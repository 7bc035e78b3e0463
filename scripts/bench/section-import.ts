import type { Services } from '../../src/composition-root';
import { IMPORT_CONCURRENCY } from '../../src/directory/directory-import.service';
import { figure, fmt, importSeries, only, root, TARGETS, verdict } from './bench-context';
import { importFloorSeconds, importMemorySeries } from './import-bench';
import { providersCsv, type SyntheticProvider } from './synthetic-reps';

/**
 * The directory import: time against the target and against its floor (the same rows upserted in batches,
 * same Azurite, same run), then the peak-memory series in child processes (`--solo importacion` or a full run).
 */
export async function reportImport(options: {
  services: Services;
  connectionString: string;
  env: Record<string, string | undefined>;
  providers: SyntheticProvider[];
}): Promise<void> {
  const { services, providers } = options;
  const t0 = performance.now();
  const [report] = await services.directoryImport.importFiles({ providers: providersCsv(providers) });
  const importSeconds = (performance.now() - t0) / 1000;
  figure('importacion.s', 'Importación del directorio', importSeconds, 's');
  console.log(
    `\nImportación del directorio: ${report!.rows} filas en ${fmt(importSeconds)} s (${Math.round(report!.rows / importSeconds)} filas/s; meta < ${TARGETS.importSeconds} s) ${verdict(importSeconds < TARGETS.importSeconds, 'importación')}`,
  );
  const floorSeconds = await importFloorSeconds(options.connectionString, providers);
  const importRatio = importSeconds / floorSeconds;
  figure('importacion.piso.s', 'Piso de la importación (upsert por lotes de 100 por partición)', floorSeconds, 's');
  figure('importacion.razon', 'Importación / piso', importRatio, '×');
  console.log(
    `Piso: las mismas ${providers.length} filas de prestadores con upsert en lotes de hasta 100 por partición, ${IMPORT_CONCURRENCY} en paralelo: ${fmt(floorSeconds)} s (${Math.round(report!.rows / floorSeconds)} filas/s) → importación ${fmt(importRatio, 2)}× el piso (meta ≤ ${TARGETS.importRatio}×) ${verdict(importRatio <= TARGETS.importRatio, 'importación frente a su piso')}`,
  );
  if (only && only !== 'importacion') return;
  const series = importMemorySeries(root, options.env, importSeries);
  console.log('Memoria de la importación (pico de RSS, un proceso hijo por tamaño, archivo leído de disco en flujo):');
  for (const point of series)
    console.log(
      `  ${point.rows} filas (${fmt(point.fileMb)} MB de archivo): pico ${fmt(point.peakMb)} MB (app cargada antes de leer el archivo: ${fmt(point.baselineMb)} MB; búferes: pico ${fmt(point.buffersPeakMb, 2)} MB) en ${fmt(point.seconds)} s (${Math.round(point.rows / point.seconds)} filas/s)`,
    );
  const at80k = series.find((p) => p.rows === 80_000);
  if (at80k) {
    figure('importacion.rss80k.mb', 'Pico de RSS de la importación (80 000 filas)', at80k.peakMb, 'MB');
    console.log(
      `  80 000 filas: ${fmt(at80k.peakMb)} MB (meta < ${TARGETS.importPeakMb} MB) ${verdict(at80k.peakMb < TARGETS.importPeakMb, 'memoria de la importación')}`,
    );
  }
  const [first, last] = [series[0], series.at(-1)];
  if (first && last && last !== first) {
    const [memoryGrowth, fileGrowth] = [last.peakMb / first.peakMb, last.fileMb / first.fileMb];
    console.log(
      `  De ${first.rows} a ${last.rows} filas: el archivo crece ${fmt(fileGrowth)}×, el pico ${fmt(memoryGrowth)}× (meta: menos que el archivo) ${verdict(memoryGrowth < fileGrowth, 'crecimiento de la memoria de la importación')}`,
    );
  }
}
