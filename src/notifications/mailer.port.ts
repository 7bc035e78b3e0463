import { AsyncLocalStorage } from 'node:async_hooks';

export type MailMessage = {
  to: string[];
  subject: string;
  text: string;
  html: string;
};

/**
 * Sends one e-mail; throws when the mail service refuses it, so the queue retries. A mail service that can
 * (ACS: the `Operation-Id` header) makes the send idempotent per event with `currentMailEvent()`.
 */
export type Mailer = {
  send(message: MailMessage): Promise<void>;
};

/**
 * The mail service asked us to slow down (ACS 429, SMTP 421/450/451/452): nothing was sent, try again after
 * `retryAfterSeconds`. The dispatcher re-queues the message instead of burning one of the queue's tries.
 */
export class MailThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    detail = '',
  ) {
    super(`El servicio de correo pidió esperar ${retryAfterSeconds} s${detail ? `: ${detail}` : ''}`);
    this.name = 'MailThrottledError';
  }
}

const mailEvent = new AsyncLocalStorage<string>();

/**
 * Runs an event's handler so that the e-mails it sends carry the event id: a retry of the same event (a
 * throttled status poll after the service accepted the e-mail, a crash after sending) is the same send again,
 * which the mail service recognises instead of delivering twice. Set by the notification dispatcher.
 */
export function sendingForEvent<T>(eventId: string, work: () => Promise<T>): Promise<T> {
  return mailEvent.run(eventId, work);
}

/** The id of the event whose e-mails are being sent, if any. */
export function currentMailEvent(): string | undefined {
  return mailEvent.getStore();
}
