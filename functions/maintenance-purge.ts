import type { InvocationContext, Timer } from '@azure/functions';
import { services } from '../src/composition-root';
import type { TimerFunctionDefinition } from '../src/http/function-definition';

/** Every night at 03:00: deletes used captcha markers and sessions that can no longer be valid. */
export async function purgeExpired(_timer: Timer, context: InvocationContext): Promise<void> {
  const { expiredRecords } = await services();
  const removed = await expiredRecords.run();
  context.log(
    `Limpieza: ${removed.captchas} verificaciones, ${removed.sessions} sesiones vencidas y ${removed.rateLimits} registros de límites eliminados.`,
  );
}

export const definition: TimerFunctionDefinition = {
  trigger: 'timer',
  name: 'maintenance-purge',
  schedule: '0 0 3 * * *',
  handler: purgeExpired,
};
