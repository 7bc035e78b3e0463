import type { z } from 'zod';
import type { signInSchema } from '../../../../../src/accounts/accounts.schemas';
import type { SessionService } from '../../../../../src/accounts/session.service';
import { apiRequest } from '../../../lib/api-client';

export type SignInBody = z.input<typeof signInSchema>;
export type SignedIn = { user: Awaited<ReturnType<SessionService['signIn']>>['user'] };

/** POST /api/sessions (Ingreso al sistema): the user; the session cookie comes with the answer. */
export function createSession(body: SignInBody): Promise<SignedIn> {
  return apiRequest<SignedIn>('POST', 'sessions', { body });
}
