import type { QueueClient } from '@azure/storage-queue';

/** A received message: `receipt` proves this receiver still holds it (for delete and update). */
export type QueueMessage = { id: string; receipt: string; text: string; dequeueCount: number; insertedOn?: Date };
export type PeekedMessage = { id: string; text: string; dequeueCount: number; insertedOn?: Date };

/**
 * One Storage queue. Message text passes through unchanged (the Functions trigger expects base64, which the
 * publisher writes). Transport failures are thrown as they come.
 */
export interface Queue {
  readonly name: string;
  /** `visibilityTimeoutSeconds`: hidden that long first; `ttlSeconds`: dropped after that long (-1: never). */
  send(text: string, options?: { visibilityTimeoutSeconds?: number; ttlSeconds?: number }): Promise<void>;
  /** Up to `max` messages (at most 32), each hidden from other receivers for `visibilityTimeoutSeconds`. */
  receive(options: { max: number; visibilityTimeoutSeconds: number }): Promise<QueueMessage[]>;
  delete(message: Pick<QueueMessage, 'id' | 'receipt'>): Promise<void>;
  /** Hides a held message again for `visibilityTimeoutSeconds` (0: at once), optionally with new text. */
  update(message: QueueMessage, options: { visibilityTimeoutSeconds: number; text?: string }): Promise<QueueMessage>;
  /** Looks without taking: nothing is hidden or counted as a try. */
  peek(max?: number): Promise<PeekedMessage[]>;
  /** Roughly how many messages wait (the service's own estimate). */
  count(): Promise<number>;
}

/** The gateway over one SDK client, which `clientOf` builds (loading the SDK) on the first operation. */
export function createQueue(name: string, clientOf: () => Promise<QueueClient>): Queue {
  return {
    name,
    async send(text, options) {
      await (
        await clientOf()
      ).sendMessage(text, {
        ...(options?.visibilityTimeoutSeconds !== undefined && { visibilityTimeout: options.visibilityTimeoutSeconds }),
        ...(options?.ttlSeconds !== undefined && { messageTimeToLive: options.ttlSeconds }),
      });
    },
    async receive({ max, visibilityTimeoutSeconds }) {
      const { receivedMessageItems } = await (
        await clientOf()
      ).receiveMessages({ numberOfMessages: max, visibilityTimeout: visibilityTimeoutSeconds });
      return receivedMessageItems.map((item) => ({
        id: item.messageId,
        receipt: item.popReceipt,
        text: item.messageText,
        dequeueCount: item.dequeueCount,
        insertedOn: item.insertedOn,
      }));
    },
    async delete(message) {
      await (await clientOf()).deleteMessage(message.id, message.receipt);
    },
    async update(message, { visibilityTimeoutSeconds, text }) {
      const result = await (await clientOf()).updateMessage(message.id, message.receipt, text, visibilityTimeoutSeconds);
      return { ...message, ...(text !== undefined && { text }), receipt: result.popReceipt! };
    },
    async peek(max = 32) {
      const { peekedMessageItems } = await (await clientOf()).peekMessages({ numberOfMessages: max });
      return peekedMessageItems.map((item) => ({
        id: item.messageId,
        text: item.messageText,
        dequeueCount: item.dequeueCount,
        insertedOn: item.insertedOn,
      }));
    },
    async count() {
      return (await (await clientOf()).getProperties()).approximateMessagesCount ?? 0;
    },
  };
}
