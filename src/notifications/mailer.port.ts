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
