import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { Clock } from '../platform/clock';
import type { SessionUser } from './accounts.schemas';
import { auditableUsername, normalizeUsername, resolveHolder, toSessionUser } from './account-holder';
import type { AccountRepository, StoredAccount } from './account.repository';
import type { PasswordHasher } from './password-hasher';
import type { Session, SessionRepository } from './session.repository';
import type { RequestMeta } from '../kernel/request-meta';
import { eventIdFor, type EventPublisher } from '../notifications/event-publisher';
import { delayAfter, FREE_FAILURES, invalidCredentials, waitError } from './sign-in-messages';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
export { delayAfter, FREE_FAILURES, MAX_DELAY_MS } from './sign-in-messages';
/** An official who passed the password has this long to pass the second factor. */
export const SECOND_FACTOR_STAGE_MS = 10 * 60 * 1000;
/** Sliding-expiry writes are skipped within this window, so a busy page does not write on every call. */
const TOUCH_AFTER_MS = 60 * 1000;

type Deps = {
  accounts: AccountRepository;
  sessions: SessionRepository;
  directory: DirectoryRepository;
  hasher: PasswordHasher;
  audit: AuditLog;
  events: Pick<EventPublisher, 'publish'>;
  clock: Clock;
};

const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Section 6.3: sign-in with a growing wait after failures, sessions with idle and absolute expiry, sign-out on the server. */
export function createSessionService(deps: Deps) {
  const { accounts, sessions, directory, hasher, audit, events, clock } = deps;

  const isWaiting = (account: StoredAccount, now: Date) => account.lockedUntil !== undefined && account.lockedUntil > now;

  /**
   * Counts the attempt as a failure before the password is checked, with an ETag-guarded write, and sets the
   * wait that failure earns (`lockedUntil`, undone on success). A burst of parallel guesses is serialised
   * here, so once the free failures are spent only one guess per wait gets through.
   * Answers the account as counted, or the time until which it must wait.
   */
  async function reserveAttempt(username: string, now: Date): Promise<{ account: StoredAccount } | { waitUntil: Date }> {
    let waitUntil: Date | undefined;
    const account = await accounts.modify(username, (current) => {
      waitUntil = isWaiting(current, now) ? current.lockedUntil : undefined;
      if (waitUntil) return undefined;
      const failedAttempts = current.failedAttempts + 1;
      const delay = delayAfter(failedAttempts);
      return { ...current, failedAttempts, lockedUntil: delay > 0 ? new Date(now.getTime() + delay) : undefined };
    });
    return waitUntil ? { waitUntil } : { account: account! };
  }

  /** The failure that starts a streak's first wait e-mails the holder once (the event id makes a repeat harmless). */
  async function tellIfJustLocked(account: StoredAccount): Promise<void> {
    if (account.failedAttempts !== FREE_FAILURES + 1 || !account.lockedUntil) return;
    const lockedUntil = account.lockedUntil.toISOString();
    await events.publish(
      { type: 'account.locked', username: account.username, lockedUntil },
      eventIdFor(`account-locked:${account.username}:${lockedUntil}`),
    );
  }

  /** A hash made with older scrypt parameters is made again with today's, now that the password is known. */
  async function rehashIfStale(username: string, password: string, stored: string | undefined): Promise<void> {
    if (!hasher.needsRehash(stored)) return;
    const passwordHash = await hasher.hash(password);
    await accounts.modify(username, (current) => (current.passwordHash === stored ? { ...current, passwordHash } : undefined));
  }

  /** Ends one session on the server (harmless when it is already gone), audited under `action`. */
  async function endSession(
    sessionId: string | undefined,
    meta: RequestMeta,
    action: 'salida' | 'sesion.reemplazada' = 'salida',
  ): Promise<void> {
    if (!sessionId || !SESSION_ID.test(sessionId)) return;
    const idHash = hashSessionId(sessionId);
    const session = await sessions.get(idHash);
    if (!session) return;
    await sessions.remove(idHash);
    await audit.record({ subject: `user:${session.username}`, action, actor: session.username, ip: meta.ip });
  }

  async function startSession(session: Omit<Session, 'idHash' | 'lastSeenAt'>): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url');
    // Seen now, not at `createdAt`: a step-up keeps an older `createdAt` and must not start out idle.
    await sessions.create({ ...session, idHash: hashSessionId(sessionId), lastSeenAt: clock.now() });
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
    if (
      !account ||
      account.status !== 'active' ||
      (account.passwordChangedAt && account.passwordChangedAt > session.createdAt) ||
      (account.sessionsRevokedAt && account.sessionsRevokedAt >= session.createdAt)
    ) {
      return undefined;
    }
    const holder = await resolveHolder(directory, account);
    if (!holder) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS && !(await sessions.touch(idHash, now))) return undefined;
    return { user: toSessionUser(account.username, account.role, holder), session };
  }

  return {
    /** The bot check is the caller's (account-entry), so that nothing is charged to an account before it. */
    async signIn(input: { username: string; password: string }, meta: RequestMeta & { userAgent?: string }) {
      const username = normalizeUsername(input.username);
      const actor = auditableUsername(username);
      const subject = `user:${actor}`;
      const now = clock.now();
      const found = await accounts.get(username);

      const reserved = found?.status === 'active' ? await reserveAttempt(username, now) : undefined;
      if (reserved && 'waitUntil' in reserved) {
        await audit.record({ subject, action: 'ingreso.en-espera', actor, ip: meta.ip });
        throw waitError(reserved.waitUntil, now);
      }
      const active = reserved?.account;
      const passwordOk = await hasher.verify(input.password, active?.passwordHash);
      if (active && passwordOk) await rehashIfStale(username, input.password, active.passwordHash);
      const holder = active && passwordOk ? await resolveHolder(directory, active) : undefined;

      if (!active || !passwordOk || !holder) {
        const reason = !found
          ? 'usuario-inexistente'
          : !active
            ? 'cuenta-no-activa'
            : !passwordOk
              ? 'contrasena-incorrecta'
              : 'fuera-del-directorio';
        const detail = { motivo: reason, ...(active && !passwordOk && { fallosSeguidos: active.failedAttempts }) };
        await audit.record({ subject, action: 'ingreso.fallido', actor, ip: meta.ip, detail });
        if (active && !passwordOk) {
          await tellIfJustLocked(active);
          throw invalidCredentials(active.failedAttempts);
        }
        throw invalidCredentials();
      }

      await accounts.modify(username, (current) =>
        current.failedAttempts > 0 || current.lockedUntil ? { ...current, failedAttempts: 0, lockedUntil: undefined } : undefined,
      );
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

    endSession,

    signOut: (sessionId: string | undefined, meta: RequestMeta): Promise<void> => endSession(sessionId, meta),

    /**
     * «Cerrar todas mis sesiones»: every session of the person begun until now stops working, on every
     * computer, this one included. One write on the account, which `authenticate` reads anyway.
     */
    async signOutEverywhere(username: string, sessionId: string | undefined, meta: RequestMeta): Promise<void> {
      const now = clock.now();
      await accounts.modify(username, (current) => ({ ...current, sessionsRevokedAt: now }));
      if (sessionId && SESSION_ID.test(sessionId)) await sessions.remove(hashSessionId(sessionId));
      await audit.record({ subject: `user:${username}`, action: 'sesiones.cerradas-todas', actor: username, ip: meta.ip });
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
