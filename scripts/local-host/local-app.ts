import type { Server } from 'node:http';
import { functionDefinitions } from '../../functions/definitions';
import { buildServices, type Overrides, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import {
  bindFunctions,
  type BoundHttpFunction,
  type BoundQueueFunction,
  type BoundTimerFunction,
} from '../../src/http/function-definition';
import { startHttpHost } from './http-server';
import { startQueueWorker } from './queue-worker';
import { startTimers } from './timer-runner';

export type LocalApp = { url: string; services: Services; stop(): Promise<void> };

/**
 * The whole application in one process, as Azure would run it: the HTTP functions behind the local host,
 * the queue worker and the timers, all from the one list of definitions.
 */
export async function startLocalApp(options: {
  /** Load generators only: keep the client's X-Forwarded-For, as if a trusted front end had written it. */
  trustForwardedFor?: boolean | undefined;
  env: Record<string, string | undefined>;
  port: number;
  webRoot?: string;
  queue?: { maxDequeueCount?: number; visibilityTimeoutSeconds?: number };
  timers?: boolean;
  overrides?: Overrides;
  log?: (line: string) => void;
}): Promise<LocalApp> {
  // As in Azure (functions/main.ts): configuration read and services built once, before anything listens.
  const services = await buildServices(loadConfig(options.env), options.overrides);
  const functions = bindFunctions(functionDefinitions, services);

  const http = functions.filter((f): f is BoundHttpFunction => f.trigger === 'http');
  const queues = functions.filter((f): f is BoundQueueFunction => f.trigger === 'queue');
  const timerDefinitions = functions.filter((f): f is BoundTimerFunction => f.trigger === 'timer');

  const server: Server = await startHttpHost({
    port: options.port,
    definitions: http,
    webRoot: options.webRoot,
    log: options.log,
    trustForwardedFor: options.trustForwardedFor,
  });
  const worker = startQueueWorker({
    definitions: queues,
    storage: services.storage,
    maxDequeueCount: options.queue?.maxDequeueCount ?? 5,
    visibilityTimeoutSeconds: options.queue?.visibilityTimeoutSeconds ?? 30,
    log: options.log,
  });
  const timers = options.timers === false ? undefined : startTimers(timerDefinitions, options.log);
  const { port } = server.address() as { port: number };

  return {
    url: `http://localhost:${port}`,
    services,
    async stop() {
      timers?.stop();
      await worker.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
