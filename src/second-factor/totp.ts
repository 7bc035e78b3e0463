import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const ISSUER = 'IHCE MinSalud';

const totpFor = (seed: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(seed) });

/** A fresh 160-bit key, base32 (what the app and the secret store keep). */
export const newTotpSeed = () => new Secret({ size: 20 }).base32;

/** The key as a person types it: groups of 4, for those who cannot scan. */
export const groupedKey = (seed: string) => seed.match(/.{1,4}/g)!.join(' ');

/** The `otpauth://` address as a QR code, an SVG data URL (the web's CSP allows `img-src data:`, not inline markup). */
export async function setupQr(seed: string, label: string): Promise<string> {
  // Loaded here, not at start: only second-factor enrolment draws a QR code (keeps the cold start lighter).
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(totpFor(seed, label).toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The 30-second step the code belongs to, accepting the previous and the next step (clock drift),
 * or undefined when it matches none.
 */
export function totpStep(seed: string, code: string, now: Date): number | undefined {
  const delta = totpFor(seed, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}
