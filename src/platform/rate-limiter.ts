import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import type { Clock } from './clock';
import { where } from './storage/filter';
import type { Storage } from './storage/storage';

/** At most `limit` calls per `windowSeconds` for one key (an IP address or an account). */
export type RateLimitRule = { name: string; limit: number; windowSeconds: number; per: 'ip' | 'account' };

export const tooManyRequests = (retryAfterSeconds: number, per: RateLimitRule['per']) =>
  new AppError(
    'demasiadas-solicitudes',
    429,
    per === 'ip'
      ? `Se recibieron demasiadas solicitudes desde su red. Espere ${Math.ceil(retryAfterSeconds / 60)} minuto(s) e intente de nuevo.`
      : `Demasiados intentos para esta cuenta o identificación. Espere ${Math.ceil(retryAfterSeconds / 60)} minuto(s) e intente de nuevo.`,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

/**
 * Fixed-window counting in Table Storage, shared by every instance of the Function App. Each call adds its
 * own row (never a conflict, so a parallel burst is counted in full rather than retried), then counts the
 * rows of its window, stopping at the limit. Keys are stored hashed (an IP address or an identity number
 * is personal data). The nightly purge deletes old windows.
 */
export function createRateLimiter(storage: Storage, clock: Clock) {
  const table = storage.tableOf('ratelimits');

  return {
    /** Counts one call; throws 429 (with Retry-After) once the window's limit is passed. Every key is limited. */
    async hit(rule: RateLimitRule, key: string): Promise<void> {
      const now = clock.now().getTime();
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = String(Math.floor(now / windowMs) * windowMs).padStart(15, '0');
      const retryAfter = Math.max(1, Math.ceil((Number(windowStart) + windowMs - now) / 1000));
      const partitionKey = `${rule.name}|${createHash('sha256').update(key.toLowerCase()).digest('base64url').slice(0, 22)}`;
      await table.insert({ partitionKey, rowKey: `${windowStart}|${randomUUID()}` });
      const filter = where.and(where.inPartition(partitionKey), where.rowKeyRange(`${windowStart}|`, `${windowStart}|~`));
      let count = 0;
      for await (const _row of table.query({ filter, select: [] })) {
        if (++count > rule.limit) throw tooManyRequests(retryAfter, rule.per);
      }
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
