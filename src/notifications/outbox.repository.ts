import type { NotificationEvent } from './notification-events';

/**
 * An event saved but maybe not yet queued. `event` is what was stored (checked again when it is resent); a
 * row that cannot be read comes as its `error`, so it does not hold back the others.
 */
export type OutboxEntry = { id: string } & ({ ok: true; event: unknown; createdAt: Date } | { ok: false; error: unknown });

/** Where events wait until the queue has them (transactional outbox). */
export interface Outbox {
  /** `replace`: the event id names a fact that may be recorded more than once; the entry is then overwritten. */
  save(event: NotificationEvent, createdAt: Date, options: { replace: boolean }): Promise<void>;
  remove(id: string): Promise<void>;
  /** Every waiting entry. */
  entries(): AsyncIterable<OutboxEntry>;
}
