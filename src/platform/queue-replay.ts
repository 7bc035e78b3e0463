import type { QueueName, Storage } from './storage/storage';

/**
 * Moves every message of `<queue>-poison` back to its queue, unchanged, so the worker tries it again once
 * the cause (an SMTP outage, say) is fixed. Consumers are idempotent, so a replay never duplicates an e-mail.
 */
export async function replayPoisonMessages(storage: Storage, queueName: QueueName): Promise<number> {
  const poison = storage.queueOf(`${queueName}-poison`);
  const queue = storage.queueOf(queueName);
  let moved = 0;
  for (;;) {
    const messages = await poison.receive({ max: 32, visibilityTimeoutSeconds: 60 });
    if (messages.length === 0) return moved;
    for (const message of messages) {
      await queue.send(message.text);
      await poison.delete(message);
      moved++;
    }
  }
}

export async function countPoisonMessages(storage: Storage, queueName: QueueName): Promise<number> {
  return storage.queueOf(`${queueName}-poison`).count();
}
