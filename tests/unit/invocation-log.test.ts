import { describe, expect, it, vi } from 'vitest';
import { bindFunction, type TimerFunctionDefinition } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { appLog } from '../../src/platform/invocation-log';

/** Services built once at start, as the composition root builds them: their log is appLog, not a context. */
const services = {
  work: async (label: string) => (await new Promise((resolve) => setTimeout(resolve, 5)), appLog.error(`fallo en ${label}`)),
};

const definition: TimerFunctionDefinition<typeof services> = {
  trigger: 'timer',
  name: 'prueba-registro',
  schedule: '0 0 * * * *',
  handler: async (_timer, { services: s }) => s.work((_timer as unknown as { label: string }).label),
};

const contextFor = (lines: string[], id: string) =>
  new InvocationContext({
    invocationId: id,
    functionName: definition.name,
    logHandler: (level, ...args) => lines.push(`${level}: ${args.join(' ')}`),
  });

describe('logs correlated with the invocation', () => {
  it('a line a service logs after an await goes to the context of the invocation that called it, even with two at once', async () => {
    const { handler } = bindFunction(definition, services);
    const first: string[] = [];
    const second: string[] = [];
    await Promise.all([
      handler({ label: 'primera' } as never, contextFor(first, 'inv-1')),
      handler({ label: 'segunda' } as never, contextFor(second, 'inv-2')),
    ]);
    expect(first).toEqual(['error: fallo en primera']);
    expect(second).toEqual(['error: fallo en segunda']);
  });

  it('outside an invocation (start-up, scripts) the line goes to the console, with the error message', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {});
    try {
      appLog.error('al iniciar', new Error('sin conexión'));
      expect(console).toHaveBeenCalledWith('al iniciar', 'sin conexión');
    } finally {
      console.mockRestore();
    }
  });
});
