import * as z from 'zod';
import type { Version } from '../platform/storage/table';

/** Where the TOTP seed lives in the secret store: tables keep only this reference, never the seed. */
export type SeedRef = { name: string; version: string };

export const storedTotpSchema = z.object({
  seedName: z.string(),
  seedVersion: z.string(),
  /** Absent while the person has scanned the key but not yet typed a first code. */
  confirmedAt: z.coerce.date().optional(),
  /** The 30-second step of the last code accepted: that code and older ones are refused from then on. */
  lastStep: z.number().int().optional(),
});
export type StoredTotp = { seed: SeedRef; confirmedAt?: Date | undefined; lastStep?: number | undefined; version: Version };

export const storedPasskeySchema = z.object({
  credentialId: z.string(),
  publicKey: z.string(),
  counter: z.number().int().nonnegative(),
  transports: z.string().optional(),
  createdAt: z.coerce.date(),
});
export type StoredPasskey = {
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: Date;
};

export const storedChallengeSchema = z.object({
  challenge: z.string(),
  purpose: z.enum(['registration', 'authentication']),
  expiresAt: z.coerce.date(),
});
export type StoredChallenge = z.infer<typeof storedChallengeSchema>;

/** One person's second factors: at most one authenticator app, any number of passkeys, one open WebAuthn challenge. */
export interface FactorRepository {
  totp(username: string): Promise<StoredTotp | undefined>;
  /** Replaces any earlier, unconfirmed key. */
  saveTotp(username: string, totp: { seed: SeedRef }): Promise<void>;
  /** Writes under the version read: `false` when another request used a code meanwhile (the caller refuses). */
  markTotpUsed(username: string, change: { step: number; confirmedAt: Date }, version: Version): Promise<boolean>;
  passkeys(username: string): Promise<StoredPasskey[]>;
  addPasskey(username: string, passkey: StoredPasskey): Promise<void>;
  updatePasskeyCounter(username: string, credentialId: string, counter: number): Promise<void>;
  putChallenge(username: string, challenge: StoredChallenge): Promise<void>;
  /** Reads and deletes the open challenge: each is good for one answer only. */
  takeChallenge(username: string): Promise<StoredChallenge | undefined>;
  /** Removes every factor of the person (recovery by an official). Answers the seed references to retire. */
  removeAll(username: string): Promise<SeedRef[]>;
}
