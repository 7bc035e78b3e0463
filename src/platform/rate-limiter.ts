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

  const keyOf = (rule: RateLimitRule, key: string) =>
    `${rule.name}|${createHash('sha256').update(key.toLowerCase()).digest('base64url').slice(0, 22)}`;
  const windowOf = (rule: RateLimitRule) => {
    const now = clock.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = String(Math.floor(now / windowMs) * windowMs).padStart(15, '0');
    return { windowStart, retryAfter: Math.max(1, Math.ceil((Number(windowStart) + windowMs - now) / 1000)) };
  };
  const record = (partitionKey: string, windowStart: string) => table.insert({ partitionKey, rowKey: `${windowStart}|${randomUUID()}` });
  /** Throws 429 once the window holds more than `allowed` rows. */
  async function assertAtMost(rule: RateLimitRule, partitionKey: string, allowed: number): Promise<void> {
    const { windowStart, retryAfter } = windowOf(rule);
    const filter = where.and(where.inPartition(partitionKey), where.rowKeyRange(`${windowStart}|`, `${windowStart}|~`));
    let count = 0;
    for await (const _row of table.query({ filter, select: [] })) {
      if (++count > allowed) throw tooManyRequests(retryAfter, rule.per);
    }
  }

  return {
    /** Counts one call; throws 429 (with Retry-After) once the window's limit is passed. Every key is limited. */
    async hit(rule: RateLimitRule, key: string): Promise<void> {
      const partitionKey = keyOf(rule, key);
      await record(partitionKey, windowOf(rule).windowStart);
      await assertAtMost(rule, partitionKey, rule.limit);
    },
    /**
     * For limits that count only what went wrong (a wrong password): `check` refuses once the window is full
     * without counting anything, and `count` adds one after the failure happened.
     */
    async check(rule: RateLimitRule, key: string): Promise<void> {
      await assertAtMost(rule, keyOf(rule, key), rule.limit - 1);
    },
    async count(rule: RateLimitRule, key: string): Promise<void> {
      await record(keyOf(rule, key), windowOf(rule).windowStart);
    },
    /** How many calls the current window holds for `key` (reads only; stops counting past the limit). */
    async tally(rule: RateLimitRule, key: string): Promise<number> {
      const { windowStart } = windowOf(rule);
      const filter = where.and(where.inPartition(keyOf(rule, key)), where.rowKeyRange(`${windowStart}|`, `${windowStart}|~`));
      let count = 0;
      for await (const _row of table.query({ filter, select: [] })) if (++count > rule.limit) break;
      return count;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
