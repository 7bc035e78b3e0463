import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure Communication Services Email, speaking the REST contract `EmailClient` uses:
 * `POST /emails:send?api-version=…` answers 202 with `Operation-Location`, and `GET` on that operation
 * answers `Succeeded`. It throttles like the real service: at most `limit` accepted e-mails per fixed window
 * of `windowMs`; beyond that, 429 with `Retry-After` (seconds until the window ends). Requests must carry
 * the HMAC `Authorization` header the SDK signs with the access key.
 */
export async function startAcsEmailFake(options: { limit: number; windowMs: number }) {
  const accepted: { to: string[]; at: number }[] = [];
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
      inWindow++;
      perWindow[perWindow.length - 1]!++;
      const message = JSON.parse(body) as { recipients: { to: { address: string }[] } };
      accepted.push({ to: message.recipients.to.map((r) => r.address), at: now });
      const id = randomUUID();
      const { port } = server.address() as AddressInfo;
      return reply(
        response,
        202,
        { id, status: 'Running' },
        { 'Operation-Location': `http://127.0.0.1:${port}/emails/operations/${id}?api-version=${url.searchParams.get('api-version')}` },
      );
    }
    const operation = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && operation) return reply(response, 200, { id: operation[1], status: 'Succeeded' });
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
