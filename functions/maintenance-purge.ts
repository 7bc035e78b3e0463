import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/** Every night at 03:00: deletes used captcha markers and sessions that can no longer be valid. */
export async function purgeExpired(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const removed = await services.expiredRecords.run();
  context.log(
    `Limpieza: ${removed.captchas} verificaciones, ${removed.sessions} sesiones vencidas y ${removed.rateLimits} registros de límites eliminados.`,
  );
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'maintenance-purge',
  schedule: '0 0 3 * * *',
  handler: purgeExpired,
};
