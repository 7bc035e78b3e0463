import nodemailer from 'nodemailer';
import { MailThrottledError, type Mailer } from '../../notifications/mailer.port';

/** SMTP's "try later": service busy (421), mailbox or local error (450, 451), too many for now (452). SMTP has no Retry-After. */
const TRY_LATER = new Set([421, 450, 451, 452]);
const TRY_LATER_SECONDS = 60;

/** Local development and tests: plain SMTP to MailDev. */
export function createSmtpMailer(options: { host: string; port: number; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (error) {
        const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
        if (typeof code === 'number' && TRY_LATER.has(code)) throw new MailThrottledError(TRY_LATER_SECONDS, (error as Error).message);
        throw error;
      }
    },
  };
}
