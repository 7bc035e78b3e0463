import type { SessionUser } from '../accounts/accounts.schemas';
import type { SessionService } from '../accounts/session.service';
import type { AuditAction } from '../audit/audit-actions';
import type { AuditLog } from '../audit/audit.repository';
import type { RequestMeta } from '../kernel/request-meta';
import type { Clock } from '../platform/clock';
import type { RateLimiter, RateLimitRule } from '../platform/rate-limiter';
import { alreadyEnrolled, challengeGone, noTotp, passkeyRefused, wrongCode } from './factor-errors';
import type { FactorRepository, SeedRef } from './factor.repository';
import type { passkeyAnswerSchema, SecondFactorStatus, TotpSetup } from './second-factor.schemas';
import { groupedKey, newTotpSeed, setupQr, totpStep } from './totp';
import type * as z from 'zod';

/** Loaded on the first passkey operation, not at start (keeps the cold start lighter). */
const webauthn = () => import('@simplewebauthn/server');

/** Where TOTP seeds are kept (the app's secret store: Key Vault in Azure); tables hold only the reference. */
export type SeedVault = { put(name: string, value: string): Promise<SeedRef>; get(ref: SeedRef): Promise<string> };
/** Who is passing the factor: the session (perhaps still waiting for it) and its account. */
export type FactorSubject = { sessionId: string; username: string; displayName: string };
export const factorSubject = (caller: { sessionId?: string | undefined; user: SessionUser }): FactorSubject => ({
  sessionId: caller.sessionId ?? '',
  username: caller.user.username,
  displayName: caller.user.fullName,
});
type PasskeyAnswer = z.infer<typeof passkeyAnswerSchema>['response'];

const CHALLENGE_MS = 5 * 60 * 1000;
/** Every code or passkey answer counts: ten in 15 minutes, then the account waits (audited). */
export const factorAttemptsPerAccount = {
  name: 'segundo-factor-cuenta',
  limit: 10,
  windowSeconds: 900,
  per: 'account',
} as const satisfies RateLimitRule;
const RP_NAME = 'IHCE Llaves de acceso – MinSalud';

/** The second factor: enrol a TOTP app or a passkey when there is none, verify one otherwise; passing it completes the session. */
export function createSecondFactor(deps: {
  factors: FactorRepository;
  seeds: SeedVault;
  sessions: Pick<SessionService, 'confirmSecondFactor'>;
  rateLimiter: Pick<RateLimiter, 'hit'>;
  audit: AuditLog;
  clock: Clock;
  publicBaseUrl: string;
}) {
  const { factors, seeds, sessions, rateLimiter, audit, clock } = deps;
  const origin = new URL(deps.publicBaseUrl).origin;
  const rpID = new URL(deps.publicBaseUrl).hostname;

  async function methodsOf(username: string) {
    const [totp, passkeys] = await Promise.all([factors.totp(username), factors.passkeys(username)]);
    return { totp, passkeys, enrolled: Boolean(totp?.confirmedAt) || passkeys.length > 0 };
  }

  const record = (who: FactorSubject, action: AuditAction, meta: RequestMeta, detail?: Record<string, string>) =>
    audit.record({ subject: `user:${who.username}`, action, actor: who.username, ip: meta.ip, ...(detail && { detail }) });

  async function countAttempt(who: FactorSubject, meta: RequestMeta) {
    try {
      await rateLimiter.hit(factorAttemptsPerAccount, who.username);
    } catch (error) {
      await record(who, 'segundo-factor.limitado', meta);
      throw error;
    }
  }

  async function refuse(who: FactorSubject, meta: RequestMeta, method: string, error: Error): Promise<never> {
    await record(who, 'segundo-factor.fallido', meta, { metodo: method });
    throw error;
  }

  async function complete(who: FactorSubject, meta: RequestMeta, method: string, enrolled: boolean) {
    const session = await sessions.confirmSecondFactor(who.sessionId, meta);
    await record(who, enrolled ? 'segundo-factor.inscrito' : 'segundo-factor.verificado', meta, { metodo: method });
    return session;
  }

  return {
    async status(who: FactorSubject, pending: boolean): Promise<SecondFactorStatus> {
      const { totp, passkeys, enrolled } = await methodsOf(who.username);
      return { pending, step: enrolled ? 'verify' : 'enrol', methods: { totp: Boolean(totp?.confirmedAt), passkey: passkeys.length > 0 } };
    },

    /** A new key for the authenticator app, replacing an unconfirmed one; refused once a factor exists (recovery is an official's). */
    async startTotp(who: FactorSubject, meta: RequestMeta): Promise<TotpSetup> {
      await countAttempt(who, meta);
      if ((await methodsOf(who.username)).enrolled) throw alreadyEnrolled();
      const seed = newTotpSeed();
      const ref = await seeds.put(`totp-${who.username}`.replace(/[^A-Za-z0-9-]/g, '-'), seed);
      await factors.saveTotp(who.username, { seed: ref });
      await record(who, 'segundo-factor.totp-iniciado', meta);
      return { key: groupedKey(seed), qr: await setupQr(seed, who.username) };
    },

    /** «Código de verificación»: confirms a new key (enrolment) or passes the factor; a code is good once. */
    async verifyTotp(who: FactorSubject, code: string, meta: RequestMeta) {
      await countAttempt(who, meta);
      const { totp, passkeys } = await methodsOf(who.username);
      if (!totp || (!totp.confirmedAt && passkeys.length > 0)) throw noTotp();
      const now = clock.now();
      const step = totpStep(await seeds.get(totp.seed), code, now);
      const fresh = step !== undefined && (totp.lastStep === undefined || step > totp.lastStep);
      if (!fresh || !(await factors.markTotpUsed(who.username, { step, confirmedAt: totp.confirmedAt ?? now }, totp.version))) {
        return refuse(who, meta, 'totp', wrongCode());
      }
      return complete(who, meta, 'totp', !totp.confirmedAt);
    },

    /** Options for the browser's WebAuthn call: register a first passkey, or sign with one already registered. */
    async passkeyOptions(who: FactorSubject, meta: RequestMeta) {
      await countAttempt(who, meta);
      const { passkeys, enrolled } = await methodsOf(who.username);
      const expiresAt = new Date(clock.now().getTime() + CHALLENGE_MS);
      if (passkeys.length > 0) {
        const { generateAuthenticationOptions } = await webauthn();
        const options = await generateAuthenticationOptions({
          rpID,
          userVerification: 'preferred',
          allowCredentials: passkeys.map((key) => ({ id: key.credentialId, transports: key.transports as never })),
        });
        await factors.putChallenge(who.username, { challenge: options.challenge, purpose: 'authentication', expiresAt });
        return { mode: 'authentication' as const, options };
      }
      if (enrolled) throw alreadyEnrolled();
      const { generateRegistrationOptions } = await webauthn();
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID,
        userName: who.username,
        userDisplayName: who.displayName,
        attestationType: 'none',
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await factors.putChallenge(who.username, { challenge: options.challenge, purpose: 'registration', expiresAt });
      return { mode: 'registration' as const, options };
    },

    /** The browser's answer to the last options: checked once against its challenge (5 minutes), then the session completes. */
    async verifyPasskey(who: FactorSubject, answer: PasskeyAnswer, meta: RequestMeta) {
      await countAttempt(who, meta);
      const challenge = await factors.takeChallenge(who.username);
      if (!challenge || challenge.expiresAt <= clock.now()) return refuse(who, meta, 'passkey', challengeGone());
      const expected = {
        expectedChallenge: challenge.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: false,
      };
      if (challenge.purpose === 'registration') {
        if ((await methodsOf(who.username)).enrolled) throw alreadyEnrolled();
        const { verifyRegistrationResponse } = await webauthn();
        const result = await verifyRegistrationResponse({ response: answer as never, ...expected }).catch(() => undefined);
        if (!result?.verified) return refuse(who, meta, 'passkey', passkeyRefused());
        const { credential } = result.registrationInfo;
        await factors.addPasskey(who.username, {
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
          createdAt: clock.now(),
        });
        return complete(who, meta, 'passkey', true);
      }
      const stored = (await factors.passkeys(who.username)).find((key) => key.credentialId === answer.id);
      if (!stored) return refuse(who, meta, 'passkey', passkeyRefused());
      const credential = {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
        transports: stored.transports as never,
      };
      const { verifyAuthenticationResponse } = await webauthn();
      const result = await verifyAuthenticationResponse({ response: answer as never, ...expected, credential }).catch(() => undefined);
      if (!result?.verified) return refuse(who, meta, 'passkey', passkeyRefused());
      await factors.updatePasskeyCounter(who.username, stored.credentialId, result.authenticationInfo.newCounter);
      return complete(who, meta, 'passkey', false);
    },
  };
}
export type SecondFactor = ReturnType<typeof createSecondFactor>;
