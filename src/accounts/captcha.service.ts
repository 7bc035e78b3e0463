import { createHash } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { fieldError } from '../kernel/app-error';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';

const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * The seed's "Código de la imagen" / "No soy un robot", self-hosted: an ALTCHA proof-of-work challenge
 * (SHA-256, HMAC-signed, expiring). Nothing leaves the country and no image has to be read, so it works
 * with a screen reader. Each solution is accepted once: its signature is recorded on first use.
 */
export function createCaptchaService(options: { hmacKey: string; maxNumber: number; storage: Storage; clock: Clock }) {
  const used = options.storage.tableOf<{ usedAt: Date }>('captchas');
  return {
    issue(): Promise<Challenge> {
      return createChallenge({
        hmacKey: options.hmacKey,
        maxNumber: options.maxNumber,
        expires: new Date(options.clock.now().getTime() + CHALLENGE_LIFETIME_MS),
      });
    },
    /** Throws a field error on `captcha` unless the payload is a fresh, valid, unused solution. */
    async verify(payload: string): Promise<void> {
      const decoded = decode(payload);
      // Expiry is checked against our clock (the library would read the system time).
      const expires = decoded ? Number(extractParams(decoded).expires) * 1000 : NaN;
      const fresh = Number.isFinite(expires) && expires > options.clock.now().getTime();
      const valid = decoded !== undefined && fresh && (await verifySolution(decoded, options.hmacKey, false).catch(() => false));
      if (!valid) throw fieldError('captcha', 'La verificación «No soy un robot» no es válida o venció. Hágala de nuevo.');
      const marked = await used.insert({
        partitionKey: createHash('sha256').update(decoded.signature).digest('hex'),
        rowKey: 'used',
        usedAt: options.clock.now(),
      });
      if (marked.status === 'exists') throw fieldError('captcha', 'Esta verificación «No soy un robot» ya se usó. Hágala de nuevo.');
    },
  };
}
export type CaptchaService = ReturnType<typeof createCaptchaService>;

type Payload = { algorithm: 'SHA-256'; challenge: string; number: number; salt: string; signature: string };

function decode(payload: string): Payload | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Partial<Payload>;
    const ok =
      value.algorithm === 'SHA-256' &&
      typeof value.challenge === 'string' &&
      typeof value.number === 'number' &&
      typeof value.salt === 'string' &&
      typeof value.signature === 'string';
    return ok ? (value as Payload) : undefined;
  } catch {
    return undefined;
  }
}
