import { createHash } from 'node:crypto';
import { EmailClient } from '@azure/communication-email';
import type { TokenCredential } from '@azure/identity';
import { isRestError } from '@azure/core-rest-pipeline';
import { currentMailEvent, MailThrottledError, type MailMessage, type Mailer } from '../../notifications/mailer.port';

/** Used when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Azure: Communication Services Email, authenticated with the Function App's managed identity (tests: a key).
 * The SDK's own retries are off (`maxRetries: 0`): its throttling policy would sleep through every 429's
 * Retry-After inside the invocation; a 429 becomes MailThrottledError and the queue waits instead.
 *
 * Idempotent per event: the send carries an `Operation-Id` derived from the event id, recipients and subject, so
 * a retry after ACS accepted the e-mail (the status poll answered 429, the worker crashed) names the same
 * operation, and ACS does not queue the e-mail again. Without it, a throttled status poll meant a second e-mail.
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
          {
            operationId: operationIdFor(message),
            ...(options.pollIntervalMs !== undefined && { updateIntervalInMs: options.pollIntervalMs }),
          },
        );
        const result = await poller.pollUntilDone();
        if (result.status !== 'Succeeded') {
          throw new Error(`ACS Email terminó en estado ${result.status}`);
        }
      } catch (error) {
        // 409 to a send with an Operation-Id already used: the first one is still being processed (ACS repeatable
        // requests: https://learn.microsoft.com/rest/api/communication/repeatable-requests), so it was accepted.
        if (isRestError(error) && error.statusCode === 409 && currentMailEvent() !== undefined) return;
        if (isRestError(error) && error.statusCode === 429) {
          throw new MailThrottledError(retryAfterSeconds(error.response?.headers), error.message);
        }
        throw error;
      }
    },
  };
}

/** Fixed namespace of the name-based (RFC 9562 version 5) operation ids; any constant UUID would do. */
const OPERATION_NAMESPACE = Buffer.from('5b0c3a52e1f04d7c9a1e6f2d8c4b7a90', 'hex');

/**
 * The same e-mail of the same event always gets the same id; two e-mails of one event (other recipients or
 * subject) get different ones. Outside an event (a one-off send) ACS picks a fresh id, as before.
 */
export function operationIdFor(message: Pick<MailMessage, 'to' | 'subject'>, eventId = currentMailEvent()): string | undefined {
  if (eventId === undefined) return undefined;
  const name = [eventId, [...message.to].sort().join(','), message.subject].join('\n');
  const hash = createHash('sha1').update(OPERATION_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
