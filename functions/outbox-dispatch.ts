import type { InvocationContext, Timer } from '@azure/functions';
import { services } from '../src/composition-root';
import type { TimerFunctionDefinition } from '../src/http/function-definition';

/** Every minute: queues events that were saved while the queue was unreachable. */
export async function dispatchOutbox(_timer: Timer, context: InvocationContext): Promise<void> {
  const { events } = await services();
  const sent = await events.dispatchPending();
  if (sent > 0) context.log(`Outbox: ${sent} evento(s) reenviado(s) a la cola.`);
}

export const definition: TimerFunctionDefinition = {
  trigger: 'timer',
  name: 'outbox-dispatch',
  schedule: '0 */1 * * * *',
  handler: dispatchOutbox,
};
