import type { z } from 'zod';
import type { usernameReminderSchema } from '../../../../../src/accounts/accounts.schemas';
import { apiRequest } from '../../../lib/api-client';

export type UsernameReminderBody = z.input<typeof usernameReminderSchema>;
/** The same message whoever asks, so the answer cannot tell who has an account. */
export type UsernameReminderRequested = { message: string };

/** POST /api/username-reminders («¿Olvidó su usuario?»). */
export function createUsernameReminder(body: UsernameReminderBody): Promise<UsernameReminderRequested> {
  return apiRequest<UsernameReminderRequested>('POST', 'username-reminders', { body });
}
