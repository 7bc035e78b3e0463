import type { NotificationHandler, NotificationHandlers } from '../../src/notifications/notification-dispatcher';
import { notificationEventSchema, type NotificationEvent } from '../../src/notifications/notification-events';

type Activation = Extract<NotificationEvent, { type: 'account.activation-requested' }>;

/**
 * Handlers for a test that only sends activation e-mails: every other event type (read from the event schema, so a
 * new event needs no edit here) fails loudly.
 */
export function activationOnlyHandlers(activation: NotificationHandler<Activation>): NotificationHandlers {
  const unexpected = async (): Promise<boolean> => {
    throw new Error('evento inesperado');
  };
  const types = notificationEventSchema.options.map((option) => option.shape.type.value);
  return {
    ...Object.fromEntries(types.map((type) => [type, unexpected])),
    'account.activation-requested': activation,
  } as NotificationHandlers;
}
