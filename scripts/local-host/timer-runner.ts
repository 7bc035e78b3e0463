import { randomUUID } from 'node:crypto';
import type { Timer } from '@azure/functions';
import { InvocationContext } from '../../src/platform/functions-runtime';
import type { BoundTimerFunction } from '../../src/http/function-definition';
import { compileSchedule } from './ncrontab';

/** Fires each timer function when its NCRONTAB schedule matches (checked every second); never overlaps a run. */
export function startTimers(definitions: readonly BoundTimerFunction[], log: (line: string) => void = () => {}) {
  const timers = definitions.map((definition) => ({ definition, due: compileSchedule(definition.schedule), busy: false }));
  let lastSecond = Math.floor(Date.now() / 1000);
  const interval = setInterval(() => {
    const second = Math.floor(Date.now() / 1000);
    if (second === lastSecond) return;
    lastSecond = second;
    const now = new Date(second * 1000);
    for (const timer of timers) {
      if (timer.busy || !timer.due(now)) continue;
      timer.busy = true;
      const context = new InvocationContext({
        invocationId: randomUUID(),
        functionName: timer.definition.name,
        logHandler: (level, ...args) => log(`[${timer.definition.name}] ${level}: ${args.map(String).join(' ')}`),
      });
      const info: Timer = {
        isPastDue: false,
        schedule: { adjustForDST: false },
        scheduleStatus: { last: '', next: '', lastUpdated: now.toISOString() },
      };
      timer.definition
        .handler(info, context)
        .catch((error: unknown) => log(`[${timer.definition.name}] falló: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (timer.busy = false));
    }
  }, 250);
  interval.unref();
  return { stop: () => clearInterval(interval) };
}
