import { randomUUID } from 'node:crypto';
import { InvocationContext } from '../../src/platform/functions-runtime';
import type { BoundQueueFunction } from '../../src/http/function-definition';
import type { QueueName, Storage } from '../../src/platform/storage/storage';

export type QueueWorkerOptions = {
  definitions: readonly BoundQueueFunction[];
  storage: Storage;
  /** host.json `extensions.queues`: tries before a message goes to `<queue>-poison`, and the wait between tries. */
  maxDequeueCount: number;
  visibilityTimeoutSeconds: number;
  batchSize?: number;
  log?: (line: string) => void;
};

/**
 * What the Functions runtime does for a Storage Queue trigger: poll with back-off, decode base64, hand the
 * JSON to the handler, delete on success, leave the message to reappear after the visibility timeout on
 * failure, and move it to the poison queue after `maxDequeueCount` tries.
 */
export function startQueueWorker(options: QueueWorkerOptions) {
  const log = options.log ?? (() => {});
  let running = true;
  let wake: (() => void) | undefined;
  const loops = options.definitions.map((definition) => poll(definition));

  async function poll(definition: BoundQueueFunction) {
    const queue = options.storage.queueOf(definition.queueName);
    // A worker on a poison queue has none after it locally (Azure's `<name>-poison-poison`): its message stays and is tried again.
    const name = definition.queueName;
    const poison = name.endsWith('-poison') ? undefined : options.storage.queueOf(`${name as QueueName}-poison`);
    let idleDelay = 100;
    while (running) {
      let handled = 0;
      try {
        const messages = await queue.receive({ max: options.batchSize ?? 16, visibilityTimeoutSeconds: options.visibilityTimeoutSeconds });
        for (const message of messages) {
          handled++;
          const text = Buffer.from(message.text, 'base64').toString('utf8');
          const context = new InvocationContext({
            invocationId: randomUUID(),
            functionName: definition.name,
            triggerMetadata: { id: message.id, dequeueCount: message.dequeueCount, insertionTime: message.insertedOn },
            logHandler: (level, ...args) => log(`[${definition.name}] ${level}: ${args.map(String).join(' ')}`),
          });
          try {
            await definition.handler(parseMessage(text), context);
            await queue.delete(message).catch((error: unknown) => {
              if (!takenOverOrGone(error)) throw error;
              log(`[${definition.name}] mensaje ${message.id}: otro receptor lo tomó al vencer su visibilidad; lo borra él`);
            });
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            if (poison && message.dequeueCount >= options.maxDequeueCount) {
              await poison.send(message.text);
              await queue.delete(message);
              log(
                `[${definition.name}] mensaje ${message.id} movido a ${definition.queueName}-poison tras ${message.dequeueCount} intentos: ${reason}`,
              );
            } else {
              log(`[${definition.name}] intento ${message.dequeueCount} de ${options.maxDequeueCount} falló: ${reason}`);
            }
          }
        }
      } catch (error) {
        log(`[${definition.name}] la cola no responde: ${error instanceof Error ? error.message : String(error)}`);
      }
      idleDelay = handled > 0 ? 100 : Math.min(idleDelay * 2, 2_000);
      if (handled === 0 && running) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, idleDelay)));
    }
  }

  return {
    async stop() {
      running = false;
      wake?.();
      await Promise.all(loops);
    },
  };
}

/**
 * As the Functions host (WebJobs QueueProcessor: "If someone else took over the message; let them delete it"):
 * after a successful run, a delete refused because the message became visible and another receiver holds it
 * (400 PopReceiptMismatch) or because it is gone (404) is not a failed try. The other copy meets an idempotent
 * handler.
 */
function takenOverOrGone(error: unknown): boolean {
  const { statusCode, code, response } = error as { statusCode?: number; code?: string; response?: { bodyAsText?: string } };
  if (statusCode === 404) return true;
  return statusCode === 400 && (code === 'PopReceiptMismatch' || (response?.bodyAsText ?? '').includes('<Code>PopReceiptMismatch</Code>'));
}

/** The runtime hands JSON messages to Node handlers already parsed; anything else stays a string. */
function parseMessage(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
