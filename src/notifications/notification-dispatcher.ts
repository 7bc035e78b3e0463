import type { AccountEmails } from '../accounts/account-emails';
import type { DelegateNotice } from '../credentials/delegate-notice';
import type { MinistryAlert } from '../requests/ministry-alert';
import type { Clock } from '../platform/clock';
import { getEntityOrUndefined, isStatus, type Storage } from '../platform/storage/storage';
import { notificationEventSchema, type NotificationEvent } from './notification-events';

const ROW = 'sent';
const CLAIM_TTL_MS = 5 * 60 * 1000;

export type DispatchOutcome = 'sent' | 'nothing-to-send' | 'already-sent';

/**
 * The queue worker's logic. Idempotent: an event id that was already handled is skipped, so the platform's
 * at-least-once delivery never sends an e-mail twice. Any failure is thrown so the platform retries the
 * message and, after the last try, moves it to the poison queue where it can be seen and replayed.
 */
export function createNotificationDispatcher(deps: {
  storage: Storage;
  clock: Clock;
  accountEmails: AccountEmails;
  ministryAlert: MinistryAlert;
  delegateNotice: DelegateNotice;
  /** Search index and expiry calendar for the provider's current keys; idempotent. */
  reindexProvider: (nit: string) => Promise<void>;
}) {
  const sentLog = deps.storage.table('notificationlog');

  /** true: sent; false: nothing to send (recorded); undefined: what it reports is not saved (yet), so not recorded. */
  async function deliver(event: NotificationEvent): Promise<boolean | undefined> {
    switch (event.type) {
      case 'account.activation-requested':
        return deps.accountEmails.sendActivation(event.username);
      case 'account.password-reset-requested':
        return deps.accountEmails.sendPasswordReset(event.username);
      case 'request.submitted':
        return deps.ministryAlert.send(event.nit, event.requestId);
      case 'request.rejected':
        return deps.delegateNotice.requestRejected(event.nit, event.requestId);
      case 'credentials.assigned':
        await deps.reindexProvider(event.nit);
        return deps.delegateNotice.credentialsAssigned(event);
      case 'credentials.expiring':
        return deps.delegateNotice.credentialsExpiring(event);
      case 'credentials.expiry-digest':
        return deps.ministryAlert.expiryDigest(event.day);
    }
  }

  /**
   * Claims the event before sending, so two copies handled at once (a batch, an outbox resend) cannot both
   * send. A claim left by a crashed worker expires after CLAIM_TTL_MS and is taken over.
   */
  async function claim(event: NotificationEvent): Promise<'claimed' | 'already-sent' | 'in-progress'> {
    const now = deps.clock.now();
    try {
      await sentLog.createEntity({ partitionKey: event.id, rowKey: ROW, state: 'processing', claimedAt: now, type: event.type });
      return 'claimed';
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    const row = await getEntityOrUndefined<{ state?: string; claimedAt?: Date }>(sentLog, event.id, ROW);
    if (!row) return claim(event);
    if (row.state !== 'processing') return 'already-sent';
    if (row.claimedAt && new Date(row.claimedAt).getTime() > now.getTime() - CLAIM_TTL_MS) return 'in-progress';
    try {
      await sentLog.updateEntity(
        { partitionKey: event.id, rowKey: ROW, state: 'processing', claimedAt: now, type: event.type },
        'Replace',
        { etag: row.etag },
      );
      return 'claimed';
    } catch (error) {
      if (isStatus(error, 412)) return 'in-progress';
      throw error;
    }
  }

  const release = (event: NotificationEvent) => sentLog.deleteEntity(event.id, ROW).catch(() => undefined);

  return {
    async handle(message: unknown): Promise<DispatchOutcome> {
      const event = notificationEventSchema.parse(typeof message === 'string' ? JSON.parse(message) : message);
      const claimed = await claim(event);
      if (claimed === 'already-sent') return 'already-sent';
      if (claimed === 'in-progress') throw new Error(`El evento ${event.id} se está procesando en otra instancia; se reintentará.`);
      let sent: boolean | undefined;
      try {
        sent = await deliver(event);
      } catch (error) {
        await release(event);
        throw error;
      }
      if (sent === undefined) {
        await release(event);
        return 'nothing-to-send';
      }
      await sentLog.upsertEntity(
        {
          partitionKey: event.id,
          rowKey: ROW,
          state: 'done',
          type: event.type,
          outcome: sent ? 'sent' : 'nothing-to-send',
          at: deps.clock.now(),
        },
        'Replace',
      );
      return sent ? 'sent' : 'nothing-to-send';
    },
  };
}
export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;
