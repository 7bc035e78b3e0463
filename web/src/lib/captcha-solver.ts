import type { Challenge } from './get-captcha';

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Finds the number whose SHA-256 with the salt equals the challenge (ALTCHA protocol) and answers the
 * payload the server verifies. Runs on Web Crypto; each step awaits, so the page stays responsive.
 */
export async function solveChallenge(challenge: Challenge, signal?: AbortSignal): Promise<string | undefined> {
  const encoder = new TextEncoder();
  const max = challenge.maxnumber ?? 1_000_000;
  for (let number = 0; number <= max; number++) {
    if (signal?.aborted) return undefined;
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + number));
    if (hex(digest) === challenge.challenge) {
      const payload = {
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number,
        salt: challenge.salt,
        signature: challenge.signature,
      };
      return btoa(JSON.stringify(payload));
    }
  }
  return undefined;
}
