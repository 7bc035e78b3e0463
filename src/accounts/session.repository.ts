import * as z from 'zod';

/** A session as stored; the table implementation checks every row it reads against it. */
export const storedSessionSchema = z.object({
  username: z.string(),
  createdAt: z.coerce.date(),
  lastSeenAt: z.coerce.date(),
  ip: z.string().optional(),
  /** Set while an official has passed the password but not yet the second factor: no route but those of the factor admits it. */
  stage: z.literal('second-factor').optional(),
  /** When the second factor was last passed in this session (officials at sign-in, delegates at a step-up). */
  secondFactorAt: z.coerce.date().optional(),
});
export type Session = z.infer<typeof storedSessionSchema> & { idHash: string };

/** Sessions keyed by the SHA-256 of the cookie value: a leaked store does not yield usable cookies. */
export interface SessionRepository {
  get(idHash: string): Promise<Session | undefined>;
  create(session: Session): Promise<void>;
  /** Answers false when the session was removed meanwhile (signed out in another tab). */
  touch(idHash: string, lastSeenAt: Date): Promise<boolean>;
  /** Removing a session that is already gone is not an error. */
  remove(idHash: string): Promise<void>;
}
