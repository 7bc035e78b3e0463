import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit.repository';
import type { Clock } from '../platform/clock';
import type { RequestMeta } from '../kernel/request-meta';
import type { SessionRepository } from './session.repository';

/**
 * Stand-in for `SessionService.startVerified` of branch `mfa` (/work/wt/MFA_SESSION_API), same signature and
 * effect: a complete session (row and cookie as `signIn` makes them: SHA-256 of a 32-byte random id) with
 * `secondFactorAt` when the provider proved one, audited as `ingreso.exitoso`. The Entra sign-in depends only
 * on this signature, so after the merge the composition root passes `sessions.startVerified` and this file goes.
 */
export function createOfficerSessionStarter(deps: { sessions: SessionRepository; audit: AuditLog; clock: Clock }) {
  return async (
    username: string,
    factor: { secondFactorAt?: Date | undefined },
    meta: RequestMeta & { userAgent?: string },
  ): Promise<{ sessionId: string }> => {
    const now = deps.clock.now();
    const sessionId = randomBytes(32).toString('base64url');
    await deps.sessions.create({
      idHash: createHash('sha256').update(sessionId).digest('hex'),
      username,
      createdAt: now,
      lastSeenAt: now,
      ip: meta.ip,
      ...(factor.secondFactorAt && { secondFactorAt: factor.secondFactorAt }),
    });
    const detail = { navegador: (meta.userAgent ?? '').slice(0, 200), segundoFactor: factor.secondFactorAt ? 'externo' : 'no' };
    await deps.audit.record({ subject: `user:${username}`, action: 'ingreso.exitoso', actor: username, ip: meta.ip, detail });
    return { sessionId };
  };
}
/** What the Entra sign-in needs of the session service: `SessionService['startVerified']` satisfies it. */
export type StartOfficerSession = (
  username: string,
  factor: { secondFactorAt?: Date | undefined },
  meta: RequestMeta & { userAgent?: string },
) => Promise<{ sessionId: string }>;
