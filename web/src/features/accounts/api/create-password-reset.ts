import type { z } from 'zod';
import type { passwordResetRequestSchema } from '../../../../../src/accounts/accounts.schemas';
import { apiRequest } from '../../../lib/api-client';

export type PasswordResetRequestBody = z.input<typeof passwordResetRequestSchema>;
/** The same message whoever asks, so the answer cannot tell who has an account. */
export type PasswordResetRequested = { message: string };

/** POST /api/password-resets («¿Olvidó su contraseña?»). */
export function createPasswordReset(body: PasswordResetRequestBody): Promise<PasswordResetRequested> {
  return apiRequest<PasswordResetRequested>('POST', 'password-resets', { body });
}
