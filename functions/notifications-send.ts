import type { Services } from '../src/composition-root';
import type { Invocation, QueueFunctionDefinition } from '../src/http/function-definition';

/** Storage Queue trigger: turns each event into its e-mail. Throws on failure so the platform retries, then poisons. */
export async function sendNotification(message: unknown, { services, context }: Invocation<Services>): Promise<void> {
  const outcome = await services.notifications.handle(message);
  context.log(`Notificación ${context.triggerMetadata?.id ?? ''}: ${outcome}`);
}

export const definition: QueueFunctionDefinition<Services> = {
  trigger: 'queue',
  name: 'notifications-send',
  queueName: 'notifications',
  connection: 'IHCE_STORAGE',
  handler: sendNotification,
};
