import type { InvocationContext, Timer } from '@azure/functions';
import { services } from '../src/composition-root';
import type { TimerFunctionDefinition } from '../src/http/function-definition';

/** Every hour: ends the overlap of replaced ClientSecrets whose grace period is over (Entra ID and Key Vault). */
export async function retireReplacedSecrets(_timer: Timer, context: InvocationContext): Promise<void> {
  const { credentialLifecycle } = await services();
  const totals = await credentialLifecycle.retireDue();
  context.log(
    `Secretos anteriores: ${totals.retired} retirados, ${totals.failed} con error (se reintentan), ${totals.stale} filas sin efecto.`,
  );
}

export const definition: TimerFunctionDefinition = {
  trigger: 'timer',
  name: 'credentials-retire',
  schedule: '0 10 * * * *',
  handler: retireReplacedSecrets,
};
