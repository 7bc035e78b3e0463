import { EmailClient } from '@azure/communication-email';
import type { TokenCredential } from '@azure/identity';
import type { Mailer } from '../../notifications/mailer.port';

/** Azure: Communication Services Email, authenticated with the Function App's managed identity. */
export function createAcsMailer(options: { endpoint: string; from: string; credential: TokenCredential }): Mailer {
  const client = new EmailClient(options.endpoint, options.credential);
  return {
    async send(message) {
      const poller = await client.beginSend({
        senderAddress: options.from,
        content: { subject: message.subject, plainText: message.text, html: message.html },
        recipients: { to: message.to.map((address) => ({ address })) },
      });
      const result = await poller.pollUntilDone();
      if (result.status !== 'Succeeded') {
        throw new Error(`ACS Email terminó en estado ${result.status}`);
      }
    },
  };
}
