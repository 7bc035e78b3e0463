import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { SsoFlow } from './openid-sign-in.port';

/** A sign-in at the provider must come back within this time. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

const sealedSchema = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), expiresAt: z.number() });

/**
 * State, nonce and PKCE verifier ride in the browser's cookie, encrypted and authenticated (AES-256-GCM), so no
 * anonymous request writes to storage and a forged or altered cookie is worthless. The key is derived from a
 * start-up secret with HKDF and a label of its own, so it is never the secret itself.
 */
export function createFlowSeal(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'ihce-llaves', 'ihce-sso-flow-v1', 32));
  return {
    seal(flow: SsoFlow, now: Date): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify({ ...flow, expiresAt: now.getTime() + FLOW_TTL_MS })), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    /** The flow, or undefined when the value is missing, altered, from another key, or expired. */
    open(value: string | undefined, now: Date): SsoFlow | undefined {
      if (!value || value.length > 2000) return undefined;
      try {
        const raw = Buffer.from(value, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const { expiresAt, ...flow } = sealedSchema.parse(JSON.parse(text));
        return expiresAt > now.getTime() ? flow : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
export type FlowSeal = ReturnType<typeof createFlowSeal>;
