import { AppError } from '../kernel/app-error';
import type { RateLimiter } from '../platform/rate-limiter';
import { normalizeUsername } from './account-holder';
import { rateLimits } from './account-rate-limits';
import type { CaptchaService } from './captcha.service';
import type { RegistrationService } from './registration.service';
import type { SessionService } from './session.service';
import { invalidCredentials } from './sign-in-messages';

type SignIn = SessionService['signIn'];
type Register = RegistrationService['register'];
type RequestPasswordReset = RegistrationService['requestPasswordReset'];
type RequestUsernameReminder = RegistrationService['requestUsernameReminder'];

/**
 * The doors anyone can knock on without a session. The bot check comes first: until it is verified nothing is
 * charged to an account or an identity, so junk requests with a made-up captcha cannot exhaust someone else's
 * limits. The per-account sign-in limit then counts only real password failures.
 */
export function createAccountEntry(deps: {
  captcha: Pick<CaptchaService, 'verify'>;
  rateLimiter: Pick<RateLimiter, 'hit' | 'check' | 'count' | 'tally'>;
  sessions: Pick<SessionService, 'signIn' | 'endSession'>;
  registration: Pick<RegistrationService, 'register' | 'requestPasswordReset' | 'requestUsernameReminder'>;
  /** OFFICER_SIGN_IN=entra: officials sign in only with the ministry's Entra ID. */
  officerPasswordSignIn: boolean;
}) {
  const { captcha, rateLimiter, sessions, registration } = deps;
  return {
    async signIn(input: Parameters<SignIn>[0] & { captcha: string }, meta: Parameters<SignIn>[1] & { sessionId?: string | undefined }) {
      // An official's username is the document alone; a delegate's ends in the NIT (usernameFor).
      if (!deps.officerPasswordSignIn && !/-\d+$/.test(normalizeUsername(input.username))) {
        throw new AppError(
          'ingreso-institucional',
          403,
          'Los funcionarios del Ministerio ingresan con «Ingresar con cuenta institucional (Microsoft Entra ID)».',
        );
      }
      await captcha.verify(input.captcha);
      // Counted under the username as the account knows it: " cc123 " and "CC123" are one account.
      const account = normalizeUsername(input.username);
      await rateLimiter.check(rateLimits.signInPerAccount, account);
      const signedIn = await sessions.signIn(input, meta).catch(async (error: unknown) => {
        if (!(error instanceof AppError) || error.code !== 'credenciales-invalidas') throw error;
        await rateLimiter.count(rateLimits.signInPerAccount, account);
        // No active account behind the name: its failures this hour stand in for the streak, so the warning of
        // attempts left reads the same for a username that exists and one that does not.
        const streak = (error as { failuresInARow?: number }).failuresInARow;
        throw invalidCredentials(streak ?? (await rateLimiter.tally(rateLimits.signInPerAccount, account)));
      });
      // Whoever held the session this browser came with (a colleague on a shared computer, or a planted one) loses it.
      await sessions.endSession(meta.sessionId, meta, 'sesion.reemplazada');
      return signedIn;
    },

    async register(input: Parameters<Register>[0] & { captcha: string }, meta: Parameters<Register>[1]) {
      await captcha.verify(input.captcha);
      await rateLimiter.hit(rateLimits.registrationPerIdentity, `${input.idType}${input.idNumber}`);
      return registration.register(input, meta);
    },

    async requestPasswordReset(
      input: Parameters<RequestPasswordReset>[0] & { captcha: string },
      meta: Parameters<RequestPasswordReset>[1],
    ) {
      await captcha.verify(input.captcha);
      await rateLimiter.hit(rateLimits.resetPerAccount, normalizeUsername(input.username));
      await registration.requestPasswordReset(input, meta);
    },

    async requestUsernameReminder(
      input: Parameters<RequestUsernameReminder>[0] & { captcha: string },
      meta: Parameters<RequestUsernameReminder>[1],
    ) {
      await captcha.verify(input.captcha);
      await rateLimiter.hit(rateLimits.usernamePerIdentity, `${input.idType}${input.idNumber}`);
      await registration.requestUsernameReminder({ idType: input.idType, idNumber: input.idNumber }, meta);
    },
  };
}
