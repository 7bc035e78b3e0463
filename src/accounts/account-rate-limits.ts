import type { RateLimitRule } from '../platform/rate-limiter';

/**
 * The limits on what an attacker can repeat without a session. Generous for a hospital behind one NAT
 * address, tight enough that guessing passwords, bombing an inbox with links or burning captchas stays slow.
 * The growing wait per account (from the third failure, at most 15 min per attempt) comes on top of the sign-in limits.
 */
export const rateLimits = {
  captchaPerIp: { name: 'captcha-ip', limit: 120, windowSeconds: 600, per: 'ip' },
  signInPerIp: { name: 'ingreso-ip', limit: 60, windowSeconds: 600, per: 'ip' },
  signInPerAccount: { name: 'ingreso-cuenta', limit: 20, windowSeconds: 3600, per: 'account' },
  registrationPerIp: { name: 'registro-ip', limit: 30, windowSeconds: 3600, per: 'ip' },
  registrationPerIdentity: { name: 'registro-identidad', limit: 5, windowSeconds: 3600, per: 'account' },
  resetPerIp: { name: 'restablecer-ip', limit: 20, windowSeconds: 3600, per: 'ip' },
  resetPerAccount: { name: 'restablecer-cuenta', limit: 3, windowSeconds: 3600, per: 'account' },
  usernamePerIp: { name: 'usuario-ip', limit: 20, windowSeconds: 3600, per: 'ip' },
  usernamePerIdentity: { name: 'usuario-identidad', limit: 3, windowSeconds: 3600, per: 'account' },
  tokenPerIp: { name: 'enlace-ip', limit: 30, windowSeconds: 600, per: 'ip' },
} as const satisfies Record<string, RateLimitRule>;
