import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { classify, startCountingProxy, type CountingProxy } from '../../scripts/cost/counting-proxy';

/** `npm run cost` counts storage at the edge: these are the known calls it must count as Azure bills them. */
const connection = inject('storageConnectionString');
const portOf = (service: 'Table' | 'Queue') => Number(new RegExp(`${service}Endpoint=http://127\\.0\\.0\\.1:(\\d+)`).exec(connection)![1]);
const through = (service: 'Table' | 'Queue', port: number) =>
  connection.replace(new RegExp(`${service}Endpoint=http://127\\.0\\.0\\.1:\\d+`), `${service}Endpoint=http://127.0.0.1:${port}`);

let tables: CountingProxy;
let queues: CountingProxy;
beforeAll(async () => {
  tables = await startCountingProxy('table', portOf('Table'));
  queues = await startCountingProxy('queue', portOf('Queue'));
});
afterAll(async () => {
  await tables.stop();
  await queues.stop();
});

describe('counting proxy (npm run cost)', () => {
  it('counts one upsert as one write, one point read as one read and a batch of 3 as 3 writes', async () => {
    const client = TableClient.fromConnectionString(through('Table', tables.port), `costo${randomBytes(4).toString('hex')}`, {
      allowInsecureConnection: true,
    });
    await client.createTable();
    tables.reset();
    await client.upsertEntity({ partitionKey: 'p', rowKey: 'uno', valor: 1 }, 'Replace');
    expect(tables.counts).toMatchObject({ write: 1, read: 0, requests: 1 });

    tables.reset();
    await client.getEntity('p', 'uno');
    expect(tables.counts).toMatchObject({ read: 1, write: 0, requests: 1 });

    tables.reset();
    await client.submitTransaction([
      ['upsert', { partitionKey: 'p', rowKey: 'a' }],
      ['upsert', { partitionKey: 'p', rowKey: 'b' }],
      ['create', { partitionKey: 'p', rowKey: 'c' }],
    ]);
    // One HTTP request, billed as one transaction per entity inside it.
    expect(tables.counts).toMatchObject({ write: 3, requests: 1 });
    await client.deleteTable();
  });

  it('counts a message sent, received and deleted, an empty receive as an idle poll, and a peek as no message received', async () => {
    const queue = new QueueClient(through('Queue', queues.port), `costo-${randomBytes(4).toString('hex')}`);
    await queue.create();
    queues.reset();
    await queue.sendMessage('hola');
    const {
      receivedMessageItems: [message],
    } = await queue.receiveMessages();
    await queue.deleteMessage(message!.messageId, message!.popReceipt);
    await queue.receiveMessages();
    // A peek hands no message to a receiver: only the received one counts as in the worker's hands until deleted.
    await queue.sendMessage('adiós');
    await queue.peekMessages();
    expect(queues.counts).toMatchObject({
      write: 2,
      read: 2,
      delete: 1,
      idlePolls: 1,
      messagesDeleted: 1,
      messagesReceived: 1,
      requests: 6,
    });
    await queue.delete();
  });

  it('tells a Table point read from a query and an all-delete batch from a write batch', () => {
    expect(classify('table', 'GET', "/devstoreaccount1/t(PartitionKey='a',RowKey='b')", '').kind).toBe('read');
    expect(classify('table', 'GET', "/devstoreaccount1/t()?$filter=PartitionKey%20eq%20'a'", '').kind).toBe('list');
    const batch = ['DELETE http://x/t(1) HTTP/1.1', 'DELETE http://x/t(2) HTTP/1.1'].join('\r\n');
    expect(classify('table', 'POST', '/devstoreaccount1/$batch', batch)).toEqual({ kind: 'delete', operations: 2 });
    expect(classify('blob', 'GET', '/devstoreaccount1/c?restype=container&comp=list', '').kind).toBe('list');
  });
});
