import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Table, Version } from './table';

/** The lock row: who holds it and until when (ISO time); past that time anyone may take it over. */
export type LeaseRow = { holder: string; expiresAt: string };
export type Lease = {
  /** Whether another holder had it when this one first asked (the caller may have to re-read what it guards). */
  waited: boolean;
  /** Lets it go, only if it is still this holder's (a lease taken over after expiry is left alone). */
  release(): Promise<void>;
};
/** ttlMs: how long a holder may keep it without letting go (a crashed one blocks no longer); waitMs/pollMs: how long and how often to ask. */
export type LeaseTimes = { ttlMs: number; waitMs: number; pollMs: number };

/**
 * One-at-a-time work across every instance of the Function App: a row in `partitionKey`, inserted by the holder
 * (the insert fails when the row exists, so two cannot both take it) and deleted under its version when done.
 * A row past `expiresAt` is taken over under the version read, so of two that find it stale only one wins.
 */
export function createLeases(table: Table<LeaseRow>, partitionKey: string, clock: Clock, times: LeaseTimes) {
  async function tryTake(rowKey: string): Promise<Version | undefined> {
    const entity = { partitionKey, rowKey, holder: randomUUID(), expiresAt: new Date(clock.now().getTime() + times.ttlMs).toISOString() };
    const inserted = await table.insert(entity);
    if (inserted.status === 'inserted') return inserted.version;
    const held = await table.get(partitionKey, rowKey);
    if (!held || held.expiresAt > clock.now().toISOString()) return undefined;
    const taken = await table.update(entity, { mode: 'replace', version: held.version });
    return taken.status === 'updated' ? taken.version : undefined;
  }

  return {
    /** Takes the lease `rowKey`, waiting up to `waitMs` for its holder; undefined when it is still held then. */
    async acquire(rowKey: string): Promise<Lease | undefined> {
      const deadline = Date.now() + times.waitMs;
      for (let waited = false; ; waited = true) {
        const version = await tryTake(rowKey);
        if (version) {
          let released = false;
          const release = async () => {
            if (!released) await table.delete(partitionKey, rowKey, version);
            released = true;
          };
          return { waited, release };
        }
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, times.pollMs));
      }
    },
  };
}
export type Leases = ReturnType<typeof createLeases>;
