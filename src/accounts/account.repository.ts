import * as z from 'zod';
import { documentTypeSchema } from '../identity/colombian-ids';
import { ConcurrencyError } from '../platform/storage/concurrency';
import type { Version } from '../platform/storage/table';

/** An account as stored; the table implementation checks every row it reads against it. */
export const storedAccountSchema = z.object({
  role: z.enum(['delegate', 'officer']),
  idType: documentTypeSchema,
  idNumber: z.string(),
  nit: z.string().optional(),
  status: z.enum(['pending', 'active']),
  passwordHash: z.string().optional(),
  failedAttempts: z.number().int().default(0),
  lockedUntil: z.coerce.date().optional(),
  tokenHash: z.string().optional(),
  tokenPurpose: z.enum(['activation', 'reset']).optional(),
  tokenExpiresOn: z.coerce.date().optional(),
  consentVersion: z.string(),
  consentAcceptedAt: z.coerce.date(),
  createdAt: z.coerce.date(),
  activatedAt: z.coerce.date().optional(),
  passwordChangedAt: z.coerce.date().optional(),
  /** Hashes of the passwords before the current one, newest first, space-separated (a table cell holds no list). */
  previousPasswordHashes: z.string().optional(),
  /** «Cerrar todas mis sesiones»: sessions begun at or before this instant no longer count. */
  sessionsRevokedAt: z.coerce.date().optional(),
});

export type Account = z.infer<typeof storedAccountSchema> & { username: string };
/** An account as read: `version` says which state, so a write over a newer one is refused. */
export type StoredAccount = Account & { version: Version };

/** A ConcurrencyError, so `retryOnConflict` runs a read-modify-write again when it meets one. */
export class AccountChangedError extends ConcurrencyError {
  override name = 'AccountChangedError';
}

/**
 * One account per username. Who the person is (name, e-mail, entity) is not kept here: it is read from the
 * directory, which stays the single source of truth.
 */
export interface AccountRepository {
  get(username: string): Promise<StoredAccount | undefined>;
  /** Answers false when an account with that username already exists. */
  create(account: Account): Promise<boolean>;
  /** Saves the account only if nobody changed it since it was read (else AccountChangedError); answers the new version. */
  update(account: StoredAccount): Promise<Version>;
  /**
   * Read-modify-write that survives concurrent writers: `change` is applied to the freshest account until the
   * write wins. `change` answers the new account, or `undefined` to leave it as it is.
   */
  modify(username: string, change: (account: StoredAccount) => StoredAccount | undefined): Promise<StoredAccount | undefined>;
}
