import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredAccount } from './account.repository';

export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
export type TokenPurpose = 'activation' | 'reset';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * E-mailed links carry `<username in base64url>.<32 random bytes>`. Only the SHA-256 of the random part is
 * stored, on the account, with its purpose and expiry; issuing a new one replaces the old, and using it
 * clears it, so every link works once.
 */
export function newToken(username: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${Buffer.from(username, 'utf8').toString('base64url')}.${secret}`, hash: sha256(secret) };
}

export function usernameFromToken(token: string): string | undefined {
  const [encoded] = token.split('.');
  if (!encoded) return undefined;
  const username = Buffer.from(encoded, 'base64url').toString('utf8');
  return /^[A-Z0-9-]{3,64}$/.test(username) ? username : undefined;
}

export type TokenCheck = 'valid' | 'invalid' | 'expired';

export function checkToken(account: StoredAccount | undefined, token: string, purpose: TokenPurpose, now: Date): TokenCheck {
  const secret = token.split('.')[1] ?? '';
  if (!account?.tokenHash || account.tokenPurpose !== purpose) return 'invalid';
  const expected = Buffer.from(account.tokenHash, 'hex');
  const actual = Buffer.from(sha256(secret), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'invalid';
  return account.tokenExpiresOn && account.tokenExpiresOn > now ? 'valid' : 'expired';
}
