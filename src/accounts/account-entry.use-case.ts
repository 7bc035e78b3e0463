import { AppError } from '../kernel/app-error';
import { normalizeUsername } from './account-holder';
import { rateLimits } from './account-rate-limits';
import type { RateLimiter } from '../platform/rate-limiter';
import type { RegistrationService } from './registration.service';
import type { SessionService } from './session.service';

type SignIn = SessionService['signIn'];
type Register = RegistrationService['register'];
type RequestPasswordReset = RegistrationService['requestPasswordReset'];

/**
 * The doors anyone can knock on without a session. Each attempt counts against the account (or the
 * identity) before it runs, so guessing passwords or bombing an inbox stays slow even from many addresses.
 */
export function createAccountEntry(deps: {
  rateLimiter: Pick<RateLimiter, 'hit'>;
  sessions: Pick<SessionService, 'signIn'>;
  registration: Pick<RegistrationService, 'register' | 'requestPasswordReset'>;
  /** OFFICER_SIGN_IN=entra: officials sign in only with the ministry's Entra ID. */
  officerPasswordSignIn: boolean;
}) {
  const { rateLimiter, sessions, registration } = deps;
  return {
    async signIn(input: Parameters<SignIn>[0], meta: Parameters<SignIn>[1]) {
      // An official's username is the document alone; a delegate's ends in the NIT (usernameFor).
      if (!deps.officerPasswordSignIn && !/-\d+$/.test(normalizeUsername(input.username))) {
        throw new AppError(
          'ingreso-institucional',
          403,
          'Los funcionarios del Ministerio ingresan con «Ingresar con cuenta institucional (Microsoft Entra ID)».',
        );
      }
      await rateLimiter.hit(rateLimits.signInPerAccount, input.username);
      return sessions.signIn(input, meta);
    },

    async register(input: Parameters<Register>[0], meta: Parameters<Register>[1]) {
      await rateLimiter.hit(rateLimits.registrationPerIdentity, `${input.idType}${input.idNumber}`);
      return registration.register(input, meta);
    },

    async requestPasswordReset(input: Parameters<RequestPasswordReset>[0], meta: Parameters<RequestPasswordReset>[1]) {
      await rateLimiter.hit(rateLimits.resetPerAccount, input.username);
      await registration.requestPasswordReset(input, meta);
    },
  };
}
