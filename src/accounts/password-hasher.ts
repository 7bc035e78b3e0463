import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** scrypt from node:crypto: memory-hard, no native addon to install. Stored as `scrypt$N$r$p$salt$hash`. */
export function createPasswordHasher(cost: number) {
  const options = (N: number, r: number, p: number): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return {
    async hash(password: string): Promise<string> {
      const salt = randomBytes(16);
      const key = await derive(password, salt, options(cost, 8, 1));
      return ['scrypt', cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password: string, stored: string | undefined): Promise<boolean> {
      const parts = (stored ?? '').split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') {
        // Same work as a real check, so an unknown user takes as long as a wrong password.
        await derive(password, randomBytes(16), options(cost, 8, 1));
        return false;
      }
      const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
      const expected = Buffer.from(hash, 'base64url');
      const key = await derive(password, Buffer.from(salt, 'base64url'), options(Number(n), Number(r), Number(p)));
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
