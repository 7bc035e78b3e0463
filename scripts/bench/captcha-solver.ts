import { createHash } from 'node:crypto';

type Challenge = { algorithm: string; challenge: string; salt: string; maxnumber: number; signature: string };

/**
 * Solves an ALTCHA v1 challenge (SHA-256 of salt + number) with node:crypto, synchronously: the same answer
 * altcha-lib's solver finds, but far quicker than one WebCrypto promise per attempt, so hundreds of
 * challenges at the production difficulty can be solved before a timed run. Answers the widget's payload.
 */
export function solveCaptcha(challenge: Challenge): string {
  if (typeof challenge.challenge !== 'string')
    throw new Error(`El servidor no entregó un reto de captcha: ${JSON.stringify(challenge).slice(0, 200)}`);
  for (let n = 0; n <= challenge.maxnumber; n++) {
    if (
      createHash('sha256')
        .update(challenge.salt + n)
        .digest('hex') === challenge.challenge
    ) {
      const { algorithm, challenge: value, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: value, number: n, salt, signature })).toString('base64');
    }
  }
  throw new Error('Captcha sin solución dentro de maxnumber');
}
