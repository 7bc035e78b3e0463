import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { Clock } from '../platform/clock';
import type { SessionUser } from './accounts.schemas';
import { auditableUsername, normalizeUsername, resolveHolder, toSessionUser } from './account-holder';
import type { AccountRepository, StoredAccount } from './account.repository';
import type { CaptchaService } from './captcha.service';
import type { PasswordHasher } from './password-hasher';
import type { Session, SessionRepository } from './session.repository';
import type { RequestMeta } from '../kernel/request-meta';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** An official who passed the password has this long to pass the second factor. */
export const SECOND_FACTOR_STAGE_MS = 10 * 60 * 1000;
/** Sliding-expiry writes are skipped within this window, so a busy page does not write on every call. */
const TOUCH_AFTER_MS = 60 * 1000;

type Deps = {
  accounts: AccountRepository;
  sessions: SessionRepository;
  directory: DirectoryRepository;
  captcha: CaptchaService;
  hasher: PasswordHasher;
  audit: AuditLog;
  clock: Clock;
};

const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const invalidCredentials = () =>
  new AppError('credenciales-invalidas', 401, 'Usuario o contraseña incorrectos, o la cuenta aún no está activa.');

const lockedError = (until: Date, now: Date) => {
  const time = until.toLocaleTimeString('es-CO', { hour: '2-digit', minute: '2-digit', timeZone: 'America/Bogota' });
  return new AppError(
    'cuenta-bloqueada',
    423,
    `La cuenta está bloqueada por 15 minutos por ${MAX_FAILED_ATTEMPTS} intentos fallidos. Podrá intentar de nuevo a las ${time} (hora de Colombia), o restablecer la contraseña.`,
    { headers: { 'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))) } },
  );
};

/** Section 6.3: sign-in with lockout, sessions with idle and absolute expiry, sign-out on the server. */
export function createSessionService(deps: Deps) {
  const { accounts, sessions, directory, captcha, hasher, audit, clock } = deps;

  const isLocked = (account: StoredAccount, now: Date) => account.lockedUntil !== undefined && account.lockedUntil > now;

  /**
   * Counts the attempt before the password is checked, with an ETag-guarded write: a burst of parallel
   * guesses is serialised here, and once the limit is reached the account locks before any more are tried.
   * Answers the account as counted, or `locked` with the time it unlocks.
   */
  async function reserveAttempt(username: string, now: Date): Promise<{ account: StoredAccount } | { lockedUntil: Date }> {
    let lockedUntil: Date | undefined;
    const account = await accounts.modify(username, (current) => {
      lockedUntil = undefined;
      if (isLocked(current, now)) {
        lockedUntil = current.lockedUntil;
        return undefined;
      }
      if (current.failedAttempts >= MAX_FAILED_ATTEMPTS) {
        lockedUntil = new Date(now.getTime() + LOCK_MS);
        return { ...current, failedAttempts: 0, lockedUntil };
      }
      return { ...current, failedAttempts: current.failedAttempts + 1, lockedUntil: undefined };
    });
    return lockedUntil ? { lockedUntil } : { account: account! };
  }

  /** After a wrong password: lock now if that was the last attempt allowed (never shortening a lock). */
  async function lockIfExhausted(username: string, now: Date): Promise<Date | undefined> {
    let lockedUntil: Date | undefined;
    await accounts.modify(username, (current) => {
      lockedUntil = undefined;
      if (isLocked(current, now)) {
        lockedUntil = current.lockedUntil;
        return undefined;
      }
      if (current.failedAttempts < MAX_FAILED_ATTEMPTS) return undefined;
      lockedUntil = new Date(now.getTime() + LOCK_MS);
      return { ...current, failedAttempts: 0, lockedUntil };
    });
    return lockedUntil;
  }

  async function startSession(session: Omit<Session, 'idHash' | 'lastSeenAt'>): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url');
    await sessions.create({ ...session, idHash: hashSessionId(sessionId), lastSeenAt: session.createdAt });
    return sessionId;
  }

  /** The live session behind a cookie value with its holder, or undefined (expired ones are removed). */
  async function resolve(sessionId: string | undefined): Promise<{ user: SessionUser; session: Session } | undefined> {
    if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
    const idHash = hashSessionId(sessionId);
    const session = await sessions.get(idHash);
    if (!session) return undefined;
    const now = clock.now();
    const age = now.getTime() - session.createdAt.getTime();
    if (
      age > (session.stage ? SECOND_FACTOR_STAGE_MS : SESSION_ABSOLUTE_MS) ||
      now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS
    ) {
      await sessions.remove(idHash);
      return undefined;
    }
    const account = await accounts.get(session.username);
    if (!account || account.status !== 'active' || (account.passwordChangedAt && account.passwordChangedAt > session.createdAt)) {
      return undefined;
    }
    const holder = await resolveHolder(directory, account);
    if (!holder) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS && !(await sessions.touch(idHash, now))) return undefined;
    return { user: toSessionUser(account.username, account.role, holder), session };
  }

  return {
    async signIn(input: { username: string; password: string; captcha: string }, meta: RequestMeta & { userAgent?: string }) {
      await captcha.verify(input.captcha);
      const username = normalizeUsername(input.username);
      const actor = auditableUsername(username);
      const subject = `user:${actor}`;
      const now = clock.now();
      const found = await accounts.get(username);

      const reserved = found?.status === 'active' ? await reserveAttempt(username, now) : undefined;
      if (reserved && 'lockedUntil' in reserved) {
        await audit.record({ subject, action: 'ingreso.bloqueado', actor, ip: meta.ip });
        throw lockedError(reserved.lockedUntil, now);
      }
      const active = reserved?.account;
      const passwordOk = await hasher.verify(input.password, active?.passwordHash);
      const holder = active && passwordOk ? await resolveHolder(directory, active) : undefined;

      if (!active || !passwordOk || !holder) {
        const reason = !found
          ? 'usuario-inexistente'
          : !active
            ? 'cuenta-no-activa'
            : !passwordOk
              ? 'contrasena-incorrecta'
              : 'fuera-del-directorio';
        const lockedUntil = active && !passwordOk ? await lockIfExhausted(username, now) : undefined;
        await audit.record({ subject, action: 'ingreso.fallido', actor, ip: meta.ip, detail: { motivo: reason } });
        if (lockedUntil) throw lockedError(lockedUntil, now);
        throw invalidCredentials();
      }

      await accounts.modify(username, (current) => (current.failedAttempts > 0 ? { ...current, failedAttempts: 0 } : undefined));
      // An official's password alone opens no session: it opens the second-factor stage (enrol or verify).
      const stage = active.role === 'officer' ? ('second-factor' as const) : undefined;
      const sessionId = await startSession({ username, createdAt: now, ip: meta.ip, ...(stage && { stage }) });
      await audit.record({
        subject,
        action: stage ? 'ingreso.contrasena-verificada' : 'ingreso.exitoso',
        actor,
        ip: meta.ip,
        detail: { navegador: (meta.userAgent ?? '').slice(0, 200) },
      });
      return { sessionId, user: toSessionUser(username, active.role, holder), ...(stage && { stage }) };
    },

    /** The signed-in user behind a cookie value, or undefined when the session is missing, expired, revoked or still at the second factor. */
    async authenticate(sessionId: string | undefined): Promise<SessionUser | undefined> {
      const found = await resolve(sessionId);
      return found && !found.session.stage ? found.user : undefined;
    },

    /** Like `authenticate`, and also what the second factor needs: the stage and when the factor was last passed. */
    resolve,

    /**
     * The second factor was just passed: the session gets a new id (a cookie planted before cannot ride on it),
     * leaves the second-factor stage and records the time. The old id stops working.
     */
    async confirmSecondFactor(sessionId: string, meta: RequestMeta) {
      const found = await resolve(sessionId);
      if (!found) throw new AppError('sesion-no-activa', 401, 'Su sesión no está activa o venció. Ingrese de nuevo.');
      const now = clock.now();
      const { session } = found;
      // A step-up keeps the session's age (it must not outlive its absolute limit); finishing sign-in starts it.
      const createdAt = session.stage ? now : session.createdAt;
      const newId = await startSession({ username: session.username, createdAt, ip: meta.ip, secondFactorAt: now });
      await sessions.remove(session.idHash);
      return { sessionId: newId, user: found.user };
    },

    /**
     * A complete session for someone whose second factor was proved elsewhere (the ministry's Entra ID with MFA).
     * The account must exist, be active and still be in the directory.
     */
    async startVerified(username: string, factor: { secondFactorAt?: Date | undefined }, meta: RequestMeta & { userAgent?: string }) {
      const account = await accounts.get(normalizeUsername(username));
      const holder = account?.status === 'active' ? await resolveHolder(directory, account) : undefined;
      if (!account || !holder) throw invalidCredentials();
      const now = clock.now();
      const { secondFactorAt } = factor;
      const sessionId = await startSession({
        username: account.username,
        createdAt: now,
        ip: meta.ip,
        ...(secondFactorAt && { secondFactorAt }),
      });
      const detail = { navegador: (meta.userAgent ?? '').slice(0, 200), segundoFactor: secondFactorAt ? 'externo' : 'no' };
      await audit.record({ subject: `user:${account.username}`, action: 'ingreso.exitoso', actor: account.username, ip: meta.ip, detail });
      return { sessionId, user: toSessionUser(account.username, account.role, holder) };
    },

    async signOut(sessionId: string | undefined, meta: RequestMeta): Promise<void> {
      if (!sessionId || !SESSION_ID.test(sessionId)) return;
      const idHash = hashSessionId(sessionId);
      const session = await sessions.get(idHash);
      if (!session) return;
      await sessions.remove(idHash);
      await audit.record({ subject: `user:${session.username}`, action: 'salida', actor: session.username, ip: meta.ip });
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
