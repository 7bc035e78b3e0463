import { get } from 'node:http';
import type { HttpRequest, InvocationContext } from '@azure/functions';
import type { BoundHttpFunction, HttpMethod } from '../../src/http/function-definition';
import { startHttpHost } from '../local-host/http-server';

/** A function as the worker stub (functions-worker-stub.ts) kept it: Azure's metadata and the registered handler. */
export type Registered = {
  metadata: { name: string; bindings: Record<string, { type: string; route?: string; methods?: string[] }> };
  handler: (request: HttpRequest, context: InvocationContext) => Promise<unknown>;
};

/**
 * Loaded by the cold-start child after registration (its own load is not timed): serves the registered HTTP
 * functions through the local host's adapter (scripts/local-host/http-server.ts: the same HttpRequest and
 * InvocationContext the worker builds) and answers one request. Returns its status and the milliseconds from
 * sending it to the whole answer read.
 */
export async function answerFirstRequest(registered: readonly Registered[], path: string) {
  const definitions = registered.flatMap(({ metadata, handler }): BoundHttpFunction[] => {
    const trigger = Object.values(metadata.bindings).find((binding) => binding.type === 'httpTrigger');
    if (!trigger?.route) return [];
    const methods = (trigger.methods ?? ['GET']) as HttpMethod[];
    const answer = handler as BoundHttpFunction['handler'];
    return [{ trigger: 'http', name: metadata.name, route: trigger.route, methods, access: 'public', handler: answer }];
  });
  const server = await startHttpHost({ port: 0, host: '127.0.0.1', definitions });
  const { port } = server.address() as { port: number };
  const started = performance.now();
  // node:http, not fetch: fetch loads its own client on first use, a cost of the probe and not of the app.
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    }).on('error', reject);
  });
  const ms = performance.now() - started;
  server.closeAllConnections();
  server.close();
  return { status, ms, body: body.slice(0, 200) };
}
