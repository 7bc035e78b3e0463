import type { z } from 'zod';
import type { activationSchema } from '../../../../../src/accounts/accounts.schemas';
import type { RegistrationService } from '../../../../../src/accounts/registration.service';
import { apiRequest } from '../../../lib/api-client';

export type ActivationBody = z.input<typeof activationSchema>;
export type Activated = Awaited<ReturnType<RegistrationService['activate']>>;

/** POST /api/activations: the e-mailed token and the chosen password; answers the username. */
export function createActivation(body: ActivationBody): Promise<Activated> {
  return apiRequest<Activated>('POST', 'activations', { body });
}
