import { beforeAll, describe, expect, it } from 'vitest';
import { definition as opsProbe } from '../../functions/ops-probe';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { bindFunction } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { testEnv } from '../support/test-app';

const timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };

/** Runs the timer function as the runtime would and answers what it logged, as `level: text`. */
async function probe(services: Services): Promise<string[]> {
  const logs: string[] = [];
  const context = new InvocationContext({
    functionName: opsProbe.name,
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
  });
  await bindFunction(opsProbe, services).handler(timer, context);
  return logs;
}

describe('operations probe (timer, every 5 minutes)', () => {
  const env = testEnv();
  let services: Services;
  beforeAll(async () => {
    services = await buildServices(loadConfig(env), { log: () => {} });
  });

  it('when the queues are clean, then it logs no marker', async () => {
    const logs = await probe(services);
    expect(logs.join('\n')).not.toMatch(/IHCE-COLA/);
    expect(logs).toEqual(['information: Sondeo de operación: colas sin mensajes envenenados ni atrasados.']);
  });

  it('when a poison queue holds messages, then an Error line names the queue and the count', async () => {
    const poison = services.storage.queueOf('notifications-poison');
    await poison.send(Buffer.from('{"type":"roto"}').toString('base64'));
    await poison.send(Buffer.from('{"type":"roto"}').toString('base64'));
    const logs = await probe(services);
    expect(logs).toContainEqual(expect.stringMatching(/^error: IHCE-COLA-ENVENENADA: \S*notifications-poison tiene 2 mensaje\(s\)/));
    expect(logs.join('\n')).not.toMatch(/IHCE-COLA-ATRASADA/);
  });

  it('when the oldest notification has waited more than 15 minutes, then a Warning line says how long; a fresh one is not late', async () => {
    await services.storage.queueOf('notifications').send(Buffer.from('{"type":"pendiente"}').toString('base64'));
    expect((await probe(services)).join('\n')).not.toMatch(/IHCE-COLA-ATRASADA/);

    const later = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + 20 * 60_000) } });
    const logs = await probe(later);
    expect(logs).toContainEqual(
      expect.stringMatching(/^warning: IHCE-COLA-ATRASADA: el mensaje más antiguo de \S*notifications lleva (19|20) minutos esperando/),
    );
  });
});
