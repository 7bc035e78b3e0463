import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import { defineHttp } from '../src/http/http-pipeline';

/** Liveness and storage reachability, for the platform's health check and `npm start`'s readiness wait. */
export async function getHealth(_request: HttpRequest, _context: InvocationContext) {
  const { storage } = await services();
  const started = performance.now();
  await storage.ping();
  return { status: 200, jsonBody: { status: 'ok', storageMs: Math.round(performance.now() - started) } };
}

export const definition = defineHttp({ name: 'health-get', route: 'health', methods: ['GET'], access: 'public', handler: getHealth });
