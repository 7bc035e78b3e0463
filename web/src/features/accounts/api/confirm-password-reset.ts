import type { z } from 'zod';
import type { passwordResetConfirmSchema } from '../../../../../src/accounts/accounts.schemas';
import type { RegistrationService } from '../../../../../src/accounts/registration.service';
import { apiRequest } from '../../../lib/api-client';

export type PasswordResetConfirmBody = z.input<typeof passwordResetConfirmSchema>;
export type PasswordReset = Awaited<ReturnType<RegistrationService['confirmPasswordReset']>>;

/** POST /api/password-resets/confirm: the e-mailed token and the new password; answers the username. */
export function confirmPasswordReset(body: PasswordResetConfirmBody): Promise<PasswordReset> {
  return apiRequest<PasswordReset>('POST', 'password-resets/confirm', { body });
}
