import type { z } from 'zod';
import type { RegistrationSummary, registrationSchema } from '../../../../../src/accounts/accounts.schemas';
import { apiRequestWithStatus } from '../../../lib/api-client';

export type RegistrationBody = z.input<typeof registrationSchema>;

/** POST /api/registrations: the summary, and `resent` when a pending registration only got a new link (200, not 201). */
export async function createRegistration(body: RegistrationBody): Promise<{ summary: RegistrationSummary; resent: boolean }> {
  const { status, data } = await apiRequestWithStatus<RegistrationSummary>('POST', 'registrations', { body });
  return { summary: data, resent: status === 200 };
}
