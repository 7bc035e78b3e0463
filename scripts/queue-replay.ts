import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { localEnv } from './local-env';
import { countPoisonMessages, replayPoisonMessages } from '../src/platform/queue-replay';
import { queueNames, type QueueName } from '../src/platform/storage/storage';
import { runMain } from './run-main';

/** `npm run queue:replay -- [notifications]`: puts poisoned messages back on their queue after a fix. */
async function main(): Promise<number> {
  const name = (process.argv[2] ?? 'notifications') as QueueName;
  if (!queueNames.includes(name)) {
    console.error(`Cola desconocida «${name}». Colas: ${queueNames.join(', ')}`);
    return 2;
  }
  const services = await buildServices(loadConfig(localEnv()));
  const waiting = await countPoisonMessages(services.storage, name);
  const moved = await replayPoisonMessages(services.storage, name);
  console.log(`${name}-poison: ${waiting} mensaje(s) en espera; ${moved} devuelto(s) a ${name} para reintento.`);
  return 0;
}

runMain(main);
