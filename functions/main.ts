import { app } from '../src/platform/functions-runtime';
import { functionDefinitions } from './definitions';

// Azure entry point: registers the one list of definitions with the Functions host.
app.setup({ enableHttpStream: false });

for (const definition of functionDefinitions) {
  switch (definition.trigger) {
    case 'http':
      app.http(definition.name, {
        route: definition.route,
        methods: definition.methods,
        authLevel: 'anonymous',
        handler: definition.handler,
      });
      break;
    case 'queue':
      app.storageQueue(definition.name, {
        queueName: definition.queueName,
        connection: definition.connection,
        handler: definition.handler,
      });
      break;
    case 'timer':
      app.timer(definition.name, { schedule: definition.schedule, handler: definition.handler });
      break;
  }
}
