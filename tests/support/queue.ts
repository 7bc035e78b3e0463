import type { Services } from '../../src/composition-root';
import { definition as notificationsSend } from '../../functions/notifications-send';
import { InvocationContext } from '../../src/platform/functions-runtime';

/**
 * Runs the queue trigger over what is in the notifications queue, once, as the runtime would: decode, call
 * the handler, delete on success. Answers the decoded messages it handled (failed ones stay queued).
 */
export async function drainNotifications(services: Services): Promise<{ handled: unknown[]; failed: unknown[] }> {
  const queue = services.storage.queueOf('notifications');
  const handled: unknown[] = [];
  const failed: unknown[] = [];
  for (;;) {
    const messages = await queue.receive({ max: 32, visibilityTimeoutSeconds: 1 });
    if (messages.length === 0) return { handled, failed };
    for (const message of messages) {
      const payload = JSON.parse(Buffer.from(message.text, 'base64').toString('utf8'));
      try {
        await notificationsSend.handler(payload, new InvocationContext({ functionName: notificationsSend.name, logHandler: () => {} }));
        await queue.delete(message);
        handled.push(payload);
      } catch {
        failed.push(payload);
      }
    }
    if (failed.length > 0) return { handled, failed };
  }
}
