import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock';
import type { Queue } from '../platform/storage/queue';
import { notificationEventSchema, type NotificationEvent, type NotificationEventInput } from './notification-events';
import type { Outbox } from './outbox.repository';

/**
 * A name-based UUID (version 5 layout, SHA-1 of the name): the same fact always gets the same event id, so
 * a timer that runs twice records it once and the dispatcher sends it once.
 */
export function eventIdFor(name: string): string {
  const bytes = createHash('sha1').update(`ihce-llaves:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const encodeQueueMessage = (event: NotificationEvent) => Buffer.from(JSON.stringify(event), 'utf8').toString('base64');

/**
 * Transactional outbox: the event is written to a table before it is queued, and removed once the queue
 * has it. If the queue is down the caller still succeeds; `dispatchPending` (a timer) sends it later.
 * Consumers are idempotent by event id, so a repeat is harmless.
 */
export function createEventPublisher(outbox: Outbox, queue: Queue, clock: Clock, log: (message: string, error?: unknown) => void) {
  async function enqueueAndClear(event: NotificationEvent): Promise<void> {
    await queue.send(encodeQueueMessage(event));
    await outbox.remove(event.id).catch((error: unknown) => log('No se pudo limpiar el outbox', error));
  }

  /** `id`: for facts that may be recorded more than once (see eventIdFor); the row is then replaced, not duplicated. */
  async function record(input: NotificationEventInput, id?: string): Promise<NotificationEvent> {
    const event = notificationEventSchema.parse({ ...input, id: id ?? randomUUID(), occurredAt: clock.now().toISOString() });
    await outbox.save(event, clock.now(), { replace: id !== undefined });
    return event;
  }

  async function dispatch(event: NotificationEvent): Promise<void> {
    try {
      await enqueueAndClear(event);
    } catch (error) {
      log(`Evento ${event.id} (${event.type}) queda en el outbox para reenvío`, error);
    }
  }

  return {
    /**
     * Step one of two, before the state change the event reports: the event is safe in the outbox. If the
     * state change then fails, the consumer finds nothing to report and skips it.
     */
    record,
    /** Step two, after the state change: queue it now, or leave it to `dispatchPending`. Never throws. */
    dispatch,
    /** Both steps, for callers whose state change is already saved. */
    async publish(input: NotificationEventInput, id?: string): Promise<NotificationEvent> {
      const event = await record(input, id);
      await dispatch(event);
      return event;
    },
    /** Re-queues events that were saved but not queued, older than `minAgeMs` (so in-flight ones are left alone). */
    async dispatchPending(minAgeMs = 60_000): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - minAgeMs);
      let sent = 0;
      for await (const entry of outbox.entries()) {
        // One bad or stuck row must not hold back the others.
        try {
          if (!entry.ok) throw entry.error;
          if (entry.createdAt > cutoff) continue;
          await enqueueAndClear(notificationEventSchema.parse(entry.event));
          sent++;
        } catch (error) {
          log(`Outbox: la fila ${entry.id} no se pudo reenviar`, error);
        }
      }
      return sent;
    },
  };
}
export type EventPublisher = ReturnType<typeof createEventPublisher>;
