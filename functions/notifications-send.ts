import type { InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import type { QueueFunctionDefinition } from '../src/http/function-definition';

/** Storage Queue trigger: turns each event into its e-mail. Throws on failure so the platform retries, then poisons. */
export async function sendNotification(message: unknown, context: InvocationContext): Promise<void> {
  const { notifications } = await services();
  const outcome = await notifications.handle(message);
  context.log(`Notificación ${context.triggerMetadata?.id ?? ''}: ${outcome}`);
}

export const definition: QueueFunctionDefinition = {
  trigger: 'queue',
  name: 'notifications-send',
  queueName: 'notifications',
  connection: 'IHCE_STORAGE',
  handler: sendNotification,
};
