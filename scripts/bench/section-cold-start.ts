import { figure, fmt, root, settings, TARGETS, verdict } from './bench-context';
import { FIRST_PATH, measureColdStart, STORAGE_PATH } from './cold-start';

/**
 * Cold start of the bundle against a bare '@azure/functions' import, on the bench's stack (Azurite idle).
 * BENCH_COLD_BEFORE=<another build's main.js> measures that build too, interleaved in the same rounds.
 */
export async function reportColdStart(env: Record<string, string | undefined>): Promise<void> {
  const before = process.env.BENCH_COLD_BEFORE;
  const cold = await measureColdStart({ root, repetitions: settings.coldRuns, env, ...(before && { before }) });
  const runs = settings.coldRuns;
  const ratio = cold.after.registeredMs / cold.bareMs;
  const siteRatio = cold.after.siteMs / cold.bareFirstMs;
  const storageRatio = cold.after.storageMs / cold.bareFirstMs;
  figure('arranque.ms', 'Arranque en frío del paquete (mediana)', cold.after.registeredMs, 'ms');
  figure('arranque.primera-respuesta.ms', `Arranque hasta la primera respuesta (GET ${FIRST_PATH}, mediana)`, cold.after.siteMs, 'ms');
  figure(
    'arranque.primera-respuesta-almacenamiento.ms',
    `Arranque hasta la primera respuesta con almacenamiento (GET ${STORAGE_PATH}, mediana)`,
    cold.after.storageMs,
    'ms',
  );
  console.log(
    `Arranque en frío (node hasta las funciones registradas, mediana de ${runs}): dist/api/main.js ${fmt(cold.after.registeredMs)} ms; solo '@azure/functions' ${fmt(cold.bareMs)} ms → ${fmt(ratio, 2)}× (meta < ${TARGETS.coldRatio}×) ${verdict(ratio < TARGETS.coldRatio, 'arranque en frío')}`,
  );
  // Configuration only: the handlers and the services load, no storage SDK (each loads on its first operation).
  console.log(
    `Arranque hasta la primera respuesta (node → registro → GET ${FIRST_PATH} respondido por el adaptador del host local, mediana de ${runs}): dist/api/main.js ${fmt(cold.after.siteMs)} ms; '@azure/functions' con un manejador trivial ${fmt(cold.bareFirstMs)} ms → ${fmt(siteRatio, 2)}× (meta < ${TARGETS.firstResponseRatio}×; carga manejadores y servicios, ningún SDK de almacenamiento) ${verdict(siteRatio < TARGETS.firstResponseRatio, 'arranque hasta la primera respuesta')}`,
  );
  // The first request that reads a table also loads the tables SDK and, locally, creates the missing tables.
  console.log(
    `Arranque hasta la primera respuesta con almacenamiento (GET ${STORAGE_PATH}: carga el SDK de tablas, y solo ese; en local incluye listar y crear las tablas que falten, que Azure no hace; mediana de ${runs}): dist/api/main.js ${fmt(cold.after.storageMs)} ms; '@azure/functions' con un manejador trivial ${fmt(cold.bareFirstMs)} ms → ${fmt(storageRatio, 2)}× (meta < ${TARGETS.storageFirstResponseRatio}×) ${verdict(storageRatio < TARGETS.storageFirstResponseRatio, 'arranque hasta la primera respuesta con almacenamiento')}`,
  );
  if (cold.before) {
    const b = cold.before;
    console.log(
      `Antes (${before}, en las mismas rondas): registro ${fmt(b.registeredMs)} ms (${fmt(b.registeredMs / cold.bareMs, 2)}×); GET ${FIRST_PATH} ${fmt(b.siteMs)} ms (${fmt(b.siteMs / cold.bareFirstMs, 2)}×); GET ${STORAGE_PATH} ${fmt(b.storageMs)} ms (${fmt(b.storageMs / cold.bareFirstMs, 2)}×).`,
    );
  }
}
