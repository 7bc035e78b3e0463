import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** Liveness and storage reachability, for the platform's health check and `npm start`'s readiness wait. */
export async function getHealth(_request: HttpRequest, { services }: HttpCall<'public', Services>) {
  const { storage } = services;
  const started = performance.now();
  await storage.ping();
  return { status: 200, jsonBody: { status: 'ok', storageMs: Math.round(performance.now() - started) } };
}

export const definition = defineHttp({ name: 'health-get', route: 'health', methods: ['GET'], access: 'public', handler: getHealth });
