import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/** Every day at 11:00 UTC (06:00 in Bogotá): expiry reminders to delegates and the ministry's summary. */
export async function remindExpiringCredentials(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const totals = await services.credentialLifecycle.remindDue();
  context.log(
    `Recordatorios de vencimiento: ${totals.reminders} programados, ${totals.stale} filas obsoletas, ${totals.failed} con error (se reintentan).`,
  );
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'credentials-remind',
  schedule: '0 0 11 * * *',
  handler: remindExpiringCredentials,
};
