import { figure, fmt, root, settings, TARGETS, verdict } from './bench-context';
import { measureColdStart } from './cold-start';

/** Cold start of the bundle against a bare '@azure/functions' import, on the bench's stack (Azurite idle). */
export function reportColdStart(env: Record<string, string | undefined>): void {
  const cold = measureColdStart({ root, repetitions: settings.coldRuns, env });
  const ratio = cold.bundleMs / cold.bareMs;
  figure('arranque.ms', 'Arranque en frío del paquete (mediana)', cold.bundleMs, 'ms');
  console.log(
    `Arranque en frío (node hasta las funciones registradas, mediana de ${settings.coldRuns}): dist/api/main.js ${fmt(cold.bundleMs)} ms; solo '@azure/functions' ${fmt(cold.bareMs)} ms → ${fmt(ratio, 2)}× (meta < ${TARGETS.coldRatio}×) ${verdict(ratio < TARGETS.coldRatio, 'arranque en frío')}`,
  );
}
