import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StorageService = 'table' | 'queue' | 'blob';
export type OperationKind = 'read' | 'write' | 'list' | 'delete';
/** Billable operations by kind, and the idle queue polls apart (a fixed cost of the host, not of an operation). */
/** `messagesReceived`: messages handed to a receiver (not peeked); with `messagesDeleted`, what is still being handled. */
export type Counts = Record<OperationKind, number> & {
  requests: number;
  idlePolls: number;
  messagesDeleted: number;
  messagesReceived: number;
};

export const emptyCounts = (): Counts => ({
  read: 0,
  write: 0,
  list: 0,
  delete: 0,
  requests: 0,
  idlePolls: 0,
  messagesDeleted: 0,
  messagesReceived: 0,
});

/**
 * What one request to a storage service costs, as Azure bills it: one transaction per REST request, except a
 * Table entity-group transaction (`POST /$batch`), billed as one transaction per entity operation inside it
 * ("Entity group transactions (batch commits) are billed as one transaction per entity in the batch, not as a
 * single transaction for the entire batch", https://docs.particular.net/persistence/azure-table/capacity-planning).
 */
export function classify(
  service: StorageService,
  method: string,
  url: string,
  body: string,
): { kind: OperationKind; operations: number; messageDelete?: boolean } {
  const { pathname, searchParams } = new URL(url, 'http://local');
  const parts = pathname.split('/').filter(Boolean).slice(1); // without the account
  const verb = method.toUpperCase();
  if (service === 'table') {
    if (verb === 'POST' && parts[0] === '$batch') {
      const inside = body.match(/^(POST|PUT|PATCH|MERGE|DELETE|GET) https?:\/\/\S+ HTTP\/1\.1/gm) ?? [];
      const deletes = inside.filter((line) => line.startsWith('DELETE')).length;
      return { kind: deletes === inside.length && deletes > 0 ? 'delete' : 'write', operations: Math.max(1, inside.length) };
    }
    if (verb === 'GET') return { kind: /\(PartitionKey=.+,RowKey=.+\)$/.test(pathname) ? 'read' : 'list', operations: 1 };
    if (verb === 'DELETE') return { kind: 'delete', operations: 1 };
    return { kind: 'write', operations: 1 };
  }
  if (service === 'queue') {
    const isMessage = parts[1] === 'messages';
    if (verb === 'GET') return { kind: isMessage || searchParams.get('comp') !== 'list' ? 'read' : 'list', operations: 1 };
    if (verb === 'DELETE') return { kind: 'delete', operations: 1, messageDelete: isMessage && parts.length === 3 };
    return { kind: 'write', operations: 1 };
  }
  // Blob: PUT (blocks, append blocks, containers, metadata) are writes; listings apart; GET/HEAD reads.
  if (verb === 'GET' && searchParams.get('comp') === 'list') return { kind: 'list', operations: 1 };
  if (verb === 'GET' || verb === 'HEAD') return { kind: 'read', operations: 1 };
  if (verb === 'DELETE') return { kind: 'delete', operations: 1 };
  return { kind: 'write', operations: 1 };
}

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * A loopback HTTP proxy in front of one Azurite service: forwards every request unchanged (the SDK's
 * signature covers the path, not the port) and counts it with `classify`. A dequeue that brings no message
 * is an idle poll (the host's, not the operation's) and is counted apart.
 */
export async function startCountingProxy(service: StorageService, targetPort: number) {
  let counts = emptyCounts();
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, method, path: url, headers: request.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const payload = Buffer.concat(chunks);
          const found = classify(service, method, url, body.toString('latin1'));
          const isDequeue = service === 'queue' && method === 'GET' && /\/messages$/.test(new URL(url, 'http://l').pathname);
          counts.requests++;
          if (isDequeue && !payload.toString('utf8').includes('<QueueMessage>')) counts.idlePolls++;
          else counts[found.kind] += found.operations;
          if (isDequeue && !/peekonly=true/i.test(url))
            counts.messagesReceived += payload.toString('utf8').split('<QueueMessage>').length - 1;
          if (found.messageDelete && (answer.statusCode ?? 500) < 300) counts.messagesDeleted++;
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(payload);
        });
      });
      upstream.on('error', () => {
        response.writeHead(502);
        response.end();
      });
      upstream.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get counts() {
      return counts;
    },
    reset() {
      counts = emptyCounts();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type CountingProxy = Awaited<ReturnType<typeof startCountingProxy>>;
