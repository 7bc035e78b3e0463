import type { QueueName, Storage } from './storage/storage';

/**
 * Moves every message of `<queue>-poison` back to its queue, unchanged, so the worker tries it again once
 * the cause (an SMTP outage, say) is fixed. Consumers are idempotent, so a replay never duplicates an e-mail.
 */
export async function replayPoisonMessages(storage: Storage, queueName: QueueName): Promise<number> {
  const poison = storage.queue(`${queueName}-poison`);
  const queue = storage.queue(queueName);
  let moved = 0;
  for (;;) {
    const { receivedMessageItems } = await poison.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 60 });
    if (receivedMessageItems.length === 0) return moved;
    for (const message of receivedMessageItems) {
      await queue.sendMessage(message.messageText);
      await poison.deleteMessage(message.messageId, message.popReceipt);
      moved++;
    }
  }
}

export async function countPoisonMessages(storage: Storage, queueName: QueueName): Promise<number> {
  const properties = await storage.queue(`${queueName}-poison`).getProperties();
  return properties.approximateMessagesCount ?? 0;
}
