export type MailMessage = {
  to: string[];
  subject: string;
  text: string;
  html: string;
};

/** Sends one e-mail; throws when the mail service refuses it, so the queue retries. */
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
