import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { localEnv } from './local-env';
import { runMain } from './run-main';

/**
 * `npm run credentials:schedule`: rebuilds the date indexes (Por vencer / Vencidas, reminders, end of the
 * overlaps) from every key file and every certificate. Idempotent; run once after upgrading, or after restoring a backup. Uses the
 * app's configuration (IHCE_STORAGE…), or the local Azurite without it.
 */
async function main(): Promise<number> {
  const services = await buildServices(loadConfig(localEnv()));
  const started = performance.now();
  const { files, certificates, failed } = await services.credentialLifecycle.replanAll();
  console.log(
    `Calendario de llaves: ${files} expediente(s) y ${certificates} certificado(s) programados, ${failed} con error, en ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  return failed > 0 ? 1 : 0;
}

runMain(main);
