import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

const said = {
  'each-mode': 'Resumen de solicitudes: OFFICER_ALERT_MODE=each, los funcionarios reciben un aviso por solicitud.',
  'not-due': 'Resumen de solicitudes: no es una de las horas de OFFICER_ALERT_DIGEST_HOURS.',
} as const;

/** Every hour on the hour: at the hours of OFFICER_ALERT_DIGEST_HOURS (Bogotá), the officials' summary of new requests. */
export async function sendOfficerDigest(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const run = await services.officerDigest.run();
  if (!('window' in run)) return void context.log(said[run.outcome]);
  const window = `${run.window.from.toISOString()} a ${run.window.to.toISOString()}`;
  const outcome = {
    empty: 'sin solicitudes nuevas, no se envía nada',
    'already-sent': 'ya publicado por otra ejecución',
    published: `${run.count} solicitudes, resumen en la cola de correo`,
  }[run.outcome];
  context.log(`Resumen de solicitudes (${window}): ${outcome}.`);
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'requests-digest',
  schedule: '0 0 * * * *',
  handler: sendOfficerDigest,
};
