import type { InvocationContext, Timer } from '@azure/functions';
import { services } from '../src/composition-root';
import type { TimerFunctionDefinition } from '../src/http/function-definition';

/** Every day at 11:00 UTC (06:00 in Bogotá): expiry reminders to delegates and the ministry's summary. */
export async function remindExpiringCredentials(_timer: Timer, context: InvocationContext): Promise<void> {
  const { credentialLifecycle } = await services();
  const totals = await credentialLifecycle.remindDue();
  context.log(
    `Recordatorios de vencimiento: ${totals.reminders} programados, ${totals.stale} filas obsoletas, ${totals.failed} con error (se reintentan).`,
  );
}

export const definition: TimerFunctionDefinition = {
  trigger: 'timer',
  name: 'credentials-remind',
  schedule: '0 0 11 * * *',
  handler: remindExpiringCredentials,
};
