import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure Communication Services Email, speaking the REST contract `EmailClient` uses:
 * `POST /emails:send?api-version=…` answers 202 with `Operation-Location`, and `GET` on that operation
 * answers `Succeeded`. It throttles like the real service: at most `limit` accepted e-mails per fixed window
 * of `windowMs`; beyond that, 429 with `Retry-After` (seconds until the window ends). Requests must carry
 * the HMAC `Authorization` header the SDK signs with the access key.
 *
 * A send whose `Operation-Id` names an operation it already accepted is not delivered again, as ACS does: the
 * header is "the ID provided by the customer to identify the long running operation" (REST spec
 * Azure/azure-rest-api-specs specification/communication/data-plane/Email/stable/2025-09-01), a repeat of an
 * accepted request answers the original 2xx, or 409 while that one is still in progress (ACS repeatable
 * requests, https://learn.microsoft.com/rest/api/communication/repeatable-requests), and ACS queues no
 * duplicate for a reused Operation-Id (observed in firezone/firezone#12835). `repeats` picks the answer.
 * `throttlePolls`: how many status polls of each operation answer 429 (Retry-After 1) before `Succeeded`.
 */
export async function startAcsEmailFake(options: {
  limit: number;
  windowMs: number;
  throttlePolls?: number;
  repeats?: 'accepted' | 'conflict';
}) {
  const accepted: { to: string[]; at: number; operationId: string }[] = [];
  /** Operation id → status polls still to throttle. */
  const operations = new Map<string, number>();
  let repeated = 0;
  let throttled = 0;
  let windowStart = 0;
  let inWindow = 0;
  /** Accepted e-mails in each window, in order. */
  const perWindow: number[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => reply(response, 500, { error: { code: 'InternalError', message: 'fake' } }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => resolve(text));
    });
    if (!request.headers.authorization?.startsWith('HMAC-SHA256')) {
      return reply(response, 401, { error: { code: 'Unauthorized', message: 'Falta la firma HMAC' } });
    }
    if (request.method === 'POST' && url.pathname === '/emails:send' && url.searchParams.has('api-version')) {
      const now = Date.now();
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        inWindow = 0;
        perWindow.push(0);
      }
      if (inWindow >= options.limit) {
        throttled++;
        const retryAfter = Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000));
        return reply(
          response,
          429,
          { error: { code: 'TooManyRequests', message: 'Límite de envíos alcanzado' } },
          { 'Retry-After': String(retryAfter) },
        );
      }
      const given = request.headers['operation-id'];
      const id = typeof given === 'string' && given !== '' ? given : randomUUID();
      const { port } = server.address() as AddressInfo;
      const location = `http://127.0.0.1:${port}/emails/operations/${id}?api-version=${url.searchParams.get('api-version')}`;
      if (operations.has(id)) {
        repeated++;
        if (options.repeats === 'conflict') {
          return reply(response, 409, { error: { code: 'Conflict', message: 'La operación ya existe' } });
        }
        return reply(response, 202, { id, status: 'Running' }, { 'Operation-Location': location });
      }
      inWindow++;
      perWindow[perWindow.length - 1]!++;
      const message = JSON.parse(body) as { recipients: { to: { address: string }[] } };
      accepted.push({ to: message.recipients.to.map((r) => r.address), at: now, operationId: id });
      operations.set(id, options.throttlePolls ?? 0);
      return reply(response, 202, { id, status: 'Running' }, { 'Operation-Location': location });
    }
    const operation = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && operation) {
      const id = operation[1]!;
      const left = operations.get(id) ?? 0;
      if (left > 0) {
        operations.set(id, left - 1);
        throttled++;
        return reply(response, 429, { error: { code: 'TooManyRequests', message: 'Demasiadas consultas' } }, { 'Retry-After': '1' });
      }
      return reply(response, 200, { id, status: 'Succeeded' });
    }
    return reply(response, 404, { error: { code: 'NotFound', message: url.pathname } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    /** Any base64 string: the fake checks that a signature is there, not its value. */
    key: Buffer.from('clave-de-pruebas-acs').toString('base64'),
    accepted,
    perWindow,
    /** Sends that named an operation already accepted (not delivered again). */
    get repeated() {
      return repeated;
    },
    get throttled() {
      return throttled;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
