import { EmailClient } from '@azure/communication-email';
import type { TokenCredential } from '@azure/identity';
import { isRestError } from '@azure/core-rest-pipeline';
import { MailThrottledError, type Mailer } from '../../notifications/mailer.port';

/** Used when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Azure: Communication Services Email, authenticated with the Function App's managed identity (tests: a key).
 * The SDK's own retries are off (`maxRetries: 0`): its throttling policy would sleep through every 429's
 * Retry-After inside the invocation; a 429 becomes MailThrottledError and the queue waits instead.
 */
export function createAcsMailer(options: {
  endpoint: string;
  from: string;
  /** Tests: `{ key }` (an ACS access key, HMAC-signed). */
  credential: TokenCredential | { readonly key: string };
  pollIntervalMs?: number;
}): Mailer {
  const url = new URL(options.endpoint);
  // Plain http only for a local stand-in on loopback (the tests' ACS-like endpoint); Azure is always https.
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const clientOptions = { retryOptions: { maxRetries: 0 }, allowInsecureConnection: loopback };
  const { credential } = options;
  const client =
    'key' in credential
      ? new EmailClient(options.endpoint, credential, clientOptions)
      : new EmailClient(options.endpoint, credential, clientOptions);
  return {
    async send(message) {
      try {
        const poller = await client.beginSend(
          {
            senderAddress: options.from,
            content: { subject: message.subject, plainText: message.text, html: message.html },
            recipients: { to: message.to.map((address) => ({ address })) },
          },
          { ...(options.pollIntervalMs !== undefined && { updateIntervalInMs: options.pollIntervalMs }) },
        );
        const result = await poller.pollUntilDone();
        if (result.status !== 'Succeeded') {
          throw new Error(`ACS Email terminó en estado ${result.status}`);
        }
      } catch (error) {
        if (isRestError(error) && error.statusCode === 429) {
          throw new MailThrottledError(retryAfterSeconds(error.response?.headers), error.message);
        }
        throw error;
      }
    },
  };
}

/** `retry-after-ms` / `x-ms-retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date). */
function retryAfterSeconds(headers: { get(name: string): string | undefined } | undefined): number {
  const ms = Number(headers?.get('retry-after-ms') ?? headers?.get('x-ms-retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const value = headers?.get('retry-after');
  if (value === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}
