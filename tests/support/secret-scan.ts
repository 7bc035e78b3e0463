import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * Reads every table row and every queue message under a test's storage prefix, and every blob, and reports
 * where any of the given secret values appears (in clear, or base64-encoded as queue messages are).
 */
export async function scanStorageFor(env: Record<string, string>, secrets: string[]) {
  const connection = env.IHCE_STORAGE!;
  const prefix = env.STORAGE_PREFIX!;
  const needles = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);
  const hits: string[] = [];
  const scanned = { rows: 0, messages: 0, blobs: 0 };

  const tables = TableServiceClient.fromConnectionString(connection, { allowInsecureConnection: true });
  for await (const table of tables.listTables()) {
    if (!table.name?.startsWith(prefix)) continue;
    const client = TableClient.fromConnectionString(connection, table.name, { allowInsecureConnection: true });
    for await (const row of client.listEntities()) {
      scanned.rows++;
      const text = JSON.stringify(row);
      if (needles.some((needle) => text.includes(needle))) hits.push(`${table.name}/${row.partitionKey}/${row.rowKey}`);
    }
  }
  const queues = QueueServiceClient.fromConnectionString(connection);
  for await (const queue of queues.listQueues({ prefix })) {
    const { peekedMessageItems } = await queues.getQueueClient(queue.name).peekMessages({ numberOfMessages: 32 });
    for (const message of peekedMessageItems) {
      scanned.messages++;
      const decoded = Buffer.from(message.messageText, 'base64').toString('utf8');
      if (needles.some((needle) => message.messageText.includes(needle) || decoded.includes(needle)))
        hits.push(`${queue.name}/${message.messageId}`);
    }
  }
  // The app writes no blobs; the Functions host does in Azure. Whatever is there is read all the same.
  const blobs = BlobServiceClient.fromConnectionString(connection);
  for await (const container of blobs.listContainers()) {
    const client = blobs.getContainerClient(container.name);
    for await (const blob of client.listBlobsFlat()) {
      scanned.blobs++;
      const text = (await client.getBlobClient(blob.name).downloadToBuffer()).toString('utf8');
      if (needles.some((needle) => text.includes(needle))) hits.push(`${container.name}/${blob.name}`);
    }
  }
  return { hits, scanned };
}
