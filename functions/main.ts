import type { InvocationContext } from '@azure/functions';
import { loadConfig } from '../src/config';
import type { BoundFunction } from '../src/http/function-definition';
import { onFirstUse } from '../src/kernel/on-first-use';
import { app } from '../src/platform/functions-runtime';
import { functionRoutes } from './routes';

// Azure entry point. The worker awaits this module before the app takes any call. Configuration is read here,
// eagerly (it is cheap): a missing or bad setting fails the start with its name, and no function is registered.
const config = loadConfig(process.env);

// Registration costs little: every function is registered from the route table (routes.ts). The handlers, the
// services and the storage SDKs are loaded and built once, by the first invocation (cold start, README
// «Rendimiento»); a failed build is retried by the next invocation instead of being kept.
const boundFunctions = onFirstUse(async (): Promise<Map<string, BoundFunction>> => {
  const [{ buildServices }, { functionDefinitions }, { bindFunctions }] = await Promise.all([
    import('../src/composition-root'),
    import('./definitions'),
    import('../src/http/function-definition'),
  ]);
  // Locally, tables, queues and containers are created before the first operation on each (not here), so a
  // first request that touches no storage loads no storage SDK (NOTES-coldstart2.md).
  const services = await buildServices(config, { ensureCreated: 'before-first-use' });
  return new Map(bindFunctions(functionDefinitions, services).map((fn) => [fn.name, fn]));
});

/** The handler Azure calls: the bound function of that name, loaded on first use. */
const lazy =
  <I, O>(name: string) =>
  async (input: I, context: InvocationContext): Promise<O> => {
    const fn = (await boundFunctions()).get(name);
    if (!fn) throw new Error(`La función ${name} está en functions/routes.ts pero no en functions/definitions.ts`);
    return (fn.handler as (input: I, context: InvocationContext) => Promise<O>)(input, context);
  };

app.setup({ enableHttpStream: false });

for (const fn of functionRoutes) {
  switch (fn.trigger) {
    case 'http':
      app.http(fn.name, { route: fn.route, methods: fn.methods, authLevel: 'anonymous', handler: lazy(fn.name) });
      break;
    case 'queue':
      app.storageQueue(fn.name, { queueName: fn.queueName, connection: fn.connection, handler: lazy(fn.name) });
      break;
    case 'timer':
      app.timer(fn.name, { schedule: fn.schedule, handler: lazy(fn.name) });
      break;
  }
}
