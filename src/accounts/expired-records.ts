import { forEachLimited } from '../kernel/concurrency';
import type { Clock } from '../platform/clock';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import { SESSION_ABSOLUTE_MS } from './session.service';

const DAY_MS = 86_400_000;

/**
 * Rate-limit rows only matter during their window (an hour at most). Used captcha markers only matter while their challenge could still be replayed (10 minutes), and sessions
 * end after 8 hours at most: both are deleted once they can no longer matter, so the tables stay small.
 */
export function createExpiredRecordsPurge(storage: Storage, clock: Clock) {
  async function purge(table: 'captchas' | 'sessions' | 'ratelimits', olderThan: Date): Promise<number> {
    const rows = storage.tableOf(table);
    const doomed: { partitionKey: string; rowKey: string }[] = [];
    for await (const row of rows.query({ filter: where.timestamp('lt', olderThan), select: [] })) {
      doomed.push({ partitionKey: row.partitionKey, rowKey: row.rowKey });
    }
    await forEachLimited(doomed, 16, (row) => rows.delete(row.partitionKey, row.rowKey).catch(() => undefined));
    return doomed.length;
  }
  return {
    async run() {
      const now = clock.now().getTime();
      const captchas = await purge('captchas', new Date(now - DAY_MS));
      const sessions = await purge('sessions', new Date(now - SESSION_ABSOLUTE_MS - 60_000));
      // Rate-limit windows last an hour at most.
      const rateLimits = await purge('ratelimits', new Date(now - DAY_MS));
      return { captchas, sessions, rateLimits };
    },
  };
}
