import type { Clock } from '../platform/clock';
import type { Queue } from '../platform/storage/queue';
import { MailThrottledError, sendingForEvent } from './mailer.port';
import type { NotificationLog } from './notification-log.repository';
import { notificationEventSchema, type NotificationEvent } from './notification-events';

const CLAIM_TTL_MS = 5 * 60 * 1000;

export type DispatchOutcome = 'sent' | 'nothing-to-send' | 'already-sent' | 'throttled';

/**
 * What the features do with an event (send its e-mail). true: sent; false: nothing to send (recorded);
 * undefined: what it reports is not saved (yet), so not recorded.
 */
export type NotificationHandler<E extends NotificationEvent = NotificationEvent> = (event: E) => Promise<boolean | undefined>;
/** One handler per event type, wired by the composition root. */
export type NotificationHandlers = { [K in NotificationEvent['type']]: NotificationHandler<Extract<NotificationEvent, { type: K }>> };

/**
 * The queue worker's logic. Idempotent: an event id that was already handled is skipped, so the platform's
 * at-least-once delivery never sends an e-mail twice. Any failure is thrown so the platform retries the
 * message and, after the last try, moves it to the poison queue where it can be seen and replayed.
 */
export function createNotificationDispatcher(deps: {
  log: NotificationLog;
  clock: Clock;
  handlers: NotificationHandlers;
  /** Search index and expiry calendar for the provider's current keys; idempotent. */
  reindexProvider: (nit: string) => Promise<void>;
  /** The provider's search card (its Actualizar Token flags) after a request or a rejection; idempotent. */
  refreshSearchCard: (nit: string) => Promise<void>;
  /** Where a throttled event goes back, hidden for the mail service's Retry-After (the notifications queue). */
  requeue: Pick<Queue, 'send'>;
  /**
   * MAIL_THROTTLE_MAX_HOURS: a throttled event goes back to the queue while it is younger than this (from its
   * `occurredAt`); older, the error is thrown so it fails normally (retries, then poison) and is seen.
   */
  throttleMaxHours: number;
}) {
  const throttleBudgetMs = deps.throttleMaxHours * 3600 * 1000;

  async function deliver(event: NotificationEvent): Promise<boolean | undefined> {
    if (event.type === 'credentials.assigned') await deps.reindexProvider(event.nit);
    if (event.type === 'request.received' || event.type === 'request.rejected') await deps.refreshSearchCard(event.nit);
    return sendingForEvent(event.id, () => (deps.handlers[event.type] as NotificationHandler)(event));
  }

  /**
   * Claims the event before sending, so two copies handled at once (a batch, an outbox resend) cannot both
   * send. A claim left by a crashed worker expires after CLAIM_TTL_MS and is taken over.
   */
  async function claim(event: NotificationEvent): Promise<'claimed' | 'already-sent' | 'in-progress'> {
    const now = deps.clock.now();
    if (await deps.log.claim(event.id, event.type, now)) return 'claimed';
    const logged = await deps.log.get(event.id);
    if (!logged) return claim(event);
    if (logged.state !== 'processing') return 'already-sent';
    if (logged.claimedAt && logged.claimedAt.getTime() > now.getTime() - CLAIM_TTL_MS) return 'in-progress';
    return (await deps.log.takeOver(event.id, event.type, now, logged.version)) ? 'claimed' : 'in-progress';
  }

  const release = (event: NotificationEvent) => deps.log.release(event.id).catch(() => undefined);

  return {
    async handle(message: unknown): Promise<DispatchOutcome> {
      const raw: unknown = typeof message === 'string' ? JSON.parse(message) : message;
      const event = notificationEventSchema.parse(raw);
      const claimed = await claim(event);
      if (claimed === 'already-sent') return 'already-sent';
      if (claimed === 'in-progress') throw new Error(`El evento ${event.id} se está procesando en otra instancia; se reintentará.`);
      let sent: boolean | undefined;
      try {
        sent = await deliver(event);
      } catch (error) {
        await release(event);
        const throttled = throttledTries(raw);
        const age = deps.clock.now().getTime() - Date.parse(event.occurredAt);
        if (!(error instanceof MailThrottledError) || !(age < throttleBudgetMs)) throw error;
        // A NEW message, same event id (idempotence still holds); this invocation then succeeds, so the
        // platform deletes the original without counting a try towards poison.
        await deps.requeue.send(Buffer.from(JSON.stringify({ ...event, throttled: throttled + 1 }), 'utf8').toString('base64'), {
          visibilityTimeoutSeconds: error.retryAfterSeconds,
        });
        return 'throttled';
      }
      if (sent === undefined) {
        await release(event);
        return 'nothing-to-send';
      }
      await deps.log.markDone(event.id, event.type, sent ? 'sent' : 'nothing-to-send', deps.clock.now());
      return sent ? 'sent' : 'nothing-to-send';
    },
  };
}
/** How many times in a row this event was throttled (carried in the message, outside the event schema; for ops only). */
function throttledTries(raw: unknown): number {
  const value = typeof raw === 'object' && raw !== null ? (raw as { throttled?: unknown }).throttled : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}
export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;
