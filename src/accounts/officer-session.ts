import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock';
import type { RequestMeta } from '../kernel/request-meta';
import type { SessionRepository } from './session.repository';

/**
 * Stand-in, until branch `mfa` lands, for its SessionService method that starts a complete official session
 * with `secondFactorAt`: same row and cookie format as `signIn` (SHA-256 of a 32-byte random id). The Entra
 * sign-in calls only this, so the switch is one line in the composition root.
 */
export function createOfficerSessionStarter(deps: { sessions: SessionRepository; clock: Clock }) {
  return async (input: { username: string; secondFactorAt?: Date }, meta: RequestMeta): Promise<{ sessionId: string }> => {
    const now = deps.clock.now();
    const sessionId = randomBytes(32).toString('base64url');
    await deps.sessions.create({
      idHash: createHash('sha256').update(sessionId).digest('hex'),
      username: input.username,
      createdAt: now,
      lastSeenAt: now,
      ip: meta.ip,
      ...(input.secondFactorAt && { secondFactorAt: input.secondFactorAt }),
    });
    return { sessionId };
  };
}
export type StartOfficerSession = ReturnType<typeof createOfficerSessionStarter>;
