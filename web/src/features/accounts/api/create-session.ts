import type { z } from 'zod';
import type { signInSchema } from '../../../../../src/accounts/accounts.schemas';
import type { SessionService } from '../../../../../src/accounts/session.service';
import { apiRequest } from '../../../lib/api-client';

export type SignInBody = z.input<typeof signInSchema>;
/** A delegate is signed in; an official has passed the password and goes on to the second factor. */
export type SignedIn = { user: Awaited<ReturnType<SessionService['signIn']>>['user'] } | { secondFactor: 'required' };

/** POST /api/sessions (Ingreso al sistema): the user, or that the second factor follows; the session cookie comes with the answer. */
export function createSession(body: SignInBody): Promise<SignedIn> {
  return apiRequest<SignedIn>('POST', 'sessions', { body });
}
