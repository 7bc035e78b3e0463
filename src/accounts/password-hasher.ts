import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
/**
 * OWASP Password Storage Cheat Sheet's scrypt minimums, all equally strong: N=2^17 with p=1 (128 MiB each), down to
 * N=2^13 with p=10 (8 MiB). The parallelism follows the cost so any N from 2^13 up meets the minimum; the default
 * 2^14 with p=5 holds 16 MiB per hash, so a Function App instance can check many sign-ins at once. Below 2^13
 * (tests only, for speed) p stays 1.
 */
const OWASP_PARALLELISM: ReadonlyMap<number, number> = new Map([
  [2 ** 13, 10],
  [2 ** 14, 5],
  [2 ** 15, 3],
  [2 ** 16, 2],
]);
export const OWASP_MIN_COST = 2 ** 13;
export const parallelismFor = (cost: number) => (cost >= 2 ** 17 ? 1 : (OWASP_PARALLELISM.get(cost) ?? 1));

export const isPowerOfTwo = (value: number) => Number.isInteger(value) && value > 1 && (value & (value - 1)) === 0;

function derive(password: string, salt: Buffer, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function parse(stored: string | undefined) {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  return { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/**
 * scrypt from node:crypto: memory-hard, no native addon to install. Stored as `scrypt$N$r$p$salt$hash`, so a
 * hash keeps verifying after the cost setting changes, and `needsRehash` tells sign-in to store it anew.
 */
export function createPasswordHasher(cost: number) {
  if (!isPowerOfTwo(cost)) throw new Error(`PASSWORD_HASH_COST debe ser una potencia de 2; se recibió ${cost}.`);
  const current = { N: cost, r: BLOCK_SIZE, p: parallelismFor(cost) };
  return {
    async hash(password: string): Promise<string> {
      const salt = randomBytes(16);
      const key = await derive(password, salt, current);
      return ['scrypt', current.N, current.r, current.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password: string, stored: string | undefined): Promise<boolean> {
      const parsed = parse(stored);
      if (!parsed || !isPowerOfTwo(parsed.N)) {
        // Same work as a real check, so an unknown user takes as long as a wrong password.
        await derive(password, randomBytes(16), current);
        return false;
      }
      const key = await derive(password, parsed.salt, parsed);
      return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
    },
    /** True when the stored hash was made with other parameters than today's (after a successful check, hash again). */
    needsRehash(stored: string | undefined): boolean {
      const parsed = parse(stored);
      return !parsed || parsed.N !== current.N || parsed.r !== current.r || parsed.p !== current.p;
    },
  };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
