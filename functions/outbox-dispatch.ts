import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/**
 * Every minute: queues events that were saved while the queue was unreachable, and appends to the write-once
 * audit container the records whose first append failed.
 */
export async function dispatchOutbox(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const sent = await services.events.dispatchPending();
  if (sent > 0) context.log(`Outbox: ${sent} evento(s) reenviado(s) a la cola.`);
  const appended = await services.auditWorm.retryPending();
  if (appended > 0) context.log(`Auditoría: ${appended} registro(s) pendiente(s) escritos en el contenedor inmutable.`);
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'outbox-dispatch',
  schedule: '0 */1 * * * *',
  handler: dispatchOutbox,
};
