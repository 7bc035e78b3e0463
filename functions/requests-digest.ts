import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

const said = {
  'each-mode': 'Resumen de solicitudes: OFFICER_ALERT_MODE=each, los funcionarios reciben un aviso por solicitud.',
  'up-to-date': 'Resumen de solicitudes: las horas de OFFICER_ALERT_DIGEST_HOURS de las últimas 24 horas ya están cerradas.',
} as const;

/**
 * Every hour on the hour: the officials' summary of new requests for each hour of OFFICER_ALERT_DIGEST_HOURS (Bogotá)
 * of the last 24 h not yet closed (the current one, or one a failed run left).
 */
export async function sendOfficerDigest(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const run = await services.officerDigest.run();
  if (run.outcome !== 'closed') return void context.log(said[run.outcome]);
  for (const window of run.windows) {
    const outcome =
      window.count > 0 ? `${window.count} solicitudes, resumen en la cola de correo` : 'sin solicitudes nuevas, no se envía nada';
    context.log(`Resumen de solicitudes (${window.from.toISOString()} a ${window.to.toISOString()}): ${outcome}.`);
  }
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'requests-digest',
  schedule: '0 0 * * * *',
  handler: sendOfficerDigest,
};
