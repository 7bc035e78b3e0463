import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { bindFunctions } from '../src/http/function-definition';
import { app } from '../src/platform/functions-runtime';
import { functionDefinitions } from './definitions';

// Azure entry point. The worker awaits this module before the app takes any call, so configuration is read
// and services are built here, once: a missing or bad setting fails the start with its name, and no
// function is registered.
const services = await buildServices(loadConfig(process.env));

app.setup({ enableHttpStream: false });

for (const fn of bindFunctions(functionDefinitions, services)) {
  switch (fn.trigger) {
    case 'http':
      app.http(fn.name, { route: fn.route, methods: fn.methods, authLevel: 'anonymous', handler: fn.handler });
      break;
    case 'queue':
      app.storageQueue(fn.name, { queueName: fn.queueName, connection: fn.connection, handler: fn.handler });
      break;
    case 'timer':
      app.timer(fn.name, { schedule: fn.schedule, handler: fn.handler });
      break;
  }
}
