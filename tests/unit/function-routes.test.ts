import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions';
import { functionRoutes } from '../../functions/routes';

/** What Azure registers at start (main.ts, from routes.ts) is what the definitions declare, row by row. */
describe('the route table Azure registers at start', () => {
  it('has one row per definition, in the same order, with the same trigger, route, methods, queue and schedule', () => {
    const declared = functionDefinitions.map((d) =>
      d.trigger === 'http'
        ? { trigger: d.trigger, name: d.name, route: d.route, methods: d.methods }
        : d.trigger === 'queue'
          ? { trigger: d.trigger, name: d.name, queueName: d.queueName, connection: d.connection }
          : { trigger: d.trigger, name: d.name, schedule: d.schedule },
    );
    expect(functionRoutes).toEqual(declared);
  });
});
