import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/** Every 5 minutes: poison queues and late notifications, logged with the markers the alert rules look for. */
export async function probeOperations(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const findings = await services.queueProbe.run();
  for (const finding of findings) {
    if (finding.level === 'error') context.error(finding.message);
    else context.warn(finding.message);
  }
  if (findings.length === 0) context.log('Sondeo de operación: colas sin mensajes envenenados ni atrasados.');
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'ops-probe',
  schedule: '0 */5 * * * *',
  handler: probeOperations,
};
