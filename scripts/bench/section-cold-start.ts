import { figure, fmt, root, settings, TARGETS, verdict } from './bench-context';
import { FIRST_PATH, measureColdStart } from './cold-start';

/** Cold start of the bundle against a bare '@azure/functions' import, on the bench's stack (Azurite idle). */
export async function reportColdStart(env: Record<string, string | undefined>): Promise<void> {
  const cold = await measureColdStart({ root, repetitions: settings.coldRuns, env });
  const ratio = cold.bundleMs / cold.bareMs;
  const firstRatio = cold.bundleFirstMs / cold.bareFirstMs;
  figure('arranque.ms', 'Arranque en frío del paquete (mediana)', cold.bundleMs, 'ms');
  figure('arranque.primera-respuesta.ms', `Arranque hasta la primera respuesta (GET ${FIRST_PATH}, mediana)`, cold.bundleFirstMs, 'ms');
  console.log(
    `Arranque en frío (node hasta las funciones registradas, mediana de ${settings.coldRuns}): dist/api/main.js ${fmt(cold.bundleMs)} ms; solo '@azure/functions' ${fmt(cold.bareMs)} ms → ${fmt(ratio, 2)}× (meta < ${TARGETS.coldRatio}×) ${verdict(ratio < TARGETS.coldRatio, 'arranque en frío')}`,
  );
  // The handlers, the services and the storage SDKs load with the first request: this figure shows that cost.
  console.log(
    `Arranque hasta la primera respuesta (node → registro → GET ${FIRST_PATH} respondido por el adaptador del host local, mediana de ${settings.coldRuns}): dist/api/main.js ${fmt(cold.bundleFirstMs)} ms; '@azure/functions' con un manejador trivial ${fmt(cold.bareFirstMs)} ms → ${fmt(firstRatio, 2)}× (meta < ${TARGETS.firstResponseRatio}×, incluye cargar manejadores y servicios y, en local, listar tablas, colas y contenedores, que Azure no hace) ${verdict(firstRatio < TARGETS.firstResponseRatio, 'arranque hasta la primera respuesta')}`,
  );
}
