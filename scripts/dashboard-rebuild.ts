import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { rebuildDashboard } from '../src/dashboard/dashboard-rebuild';
import { localEnv } from './local-env';
import { runMain } from './run-main';

/**
 * `npm run dashboard:rebuild`: rebuilds the Tablero's aggregate (table `dashboardstats`) from the key files
 * (src/dashboard/dashboard-rebuild.ts). Uses the app's configuration (IHCE_STORAGE…), or the local Azurite.
 */
async function main(): Promise<number> {
  const services = await buildServices(loadConfig(localEnv()));
  const started = performance.now();
  const report = await rebuildDashboard(services);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Cifras del Tablero rehechas: ${report.cleared} fila(s) anteriores borradas, ${report.requests} solicitud(es) y ${report.providers} prestador(es) con llaves contados, en ${seconds} s.`,
  );
  return 0;
}

runMain(main);
