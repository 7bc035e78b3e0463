import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/** Every hour: ends the overlap of replaced ClientSecrets whose grace period is over (Entra ID and Key Vault). */
export async function retireReplacedSecrets(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const totals = await services.credentialLifecycle.retireDue();
  context.log(
    `Secretos anteriores: ${totals.retired} retirados, ${totals.failed} con error (se reintentan), ${totals.stale} filas sin efecto.`,
  );
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'credentials-retire',
  schedule: '0 10 * * * *',
  handler: retireReplacedSecrets,
};
