import type { AccountEmails } from '../accounts/account-emails';
import type { MinistryAlert } from '../requests/ministry-alert';
import type { Clock } from '../platform/clock';
import { getEntityOrUndefined, type Storage } from '../platform/storage';
import { notificationEventSchema, type NotificationEvent } from './notification-events';

const ROW = 'sent';

export type DispatchOutcome = 'sent' | 'nothing-to-send' | 'already-sent';

/**
 * The queue worker's logic. Idempotent: an event id that was already handled is skipped, so the platform's
 * at-least-once delivery never sends an e-mail twice. Any failure is thrown so the platform retries the
 * message and, after the last try, moves it to the poison queue where it can be seen and replayed.
 */
export function createNotificationDispatcher(deps: { storage: Storage; clock: Clock; accountEmails: AccountEmails; ministryAlert: MinistryAlert }) {
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
    }
  }

  return {
    async handle(message: unknown): Promise<DispatchOutcome> {
      const event = notificationEventSchema.parse(typeof message === 'string' ? JSON.parse(message) : message);
      if (await getEntityOrUndefined(sentLog, event.id, ROW)) return 'already-sent';
      const sent = await deliver(event);
      if (sent === undefined) return 'nothing-to-send';
      await sentLog.upsertEntity({
        partitionKey: event.id,
        rowKey: ROW,
        type: event.type,
        outcome: sent ? 'sent' : 'nothing-to-send',
        at: deps.clock.now(),
      });
      return sent ? 'sent' : 'nothing-to-send';
    },
  };
}
export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;
