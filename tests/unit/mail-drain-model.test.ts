import { describe, expect, it } from 'vitest';
import { allowedDrainSeconds, simulateDrain } from '../../scripts/bench/mail-drain-model';

const rules = { maxThrottledTries: 20, maxDequeueCount: 5, visibilitySeconds: 30 };
const managed = [
  { perWindow: 5, windowSeconds: 60 },
  { perWindow: 10, windowSeconds: 3600 },
];

describe('mail drain under throttling (simulated time)', () => {
  it('sends at the allowed rate: 30 e-mails at 5/min and 10/h take a little over two hours', () => {
    const result = simulateDrain(30, managed, { ...rules, maxThrottledTries: 1000 });
    expect(result).toMatchObject({ sent: 30, poisoned: 0 });
    expect(result.drainSeconds).toBeGreaterThanOrEqual(allowedDrainSeconds(30, managed));
    expect(result.drainSeconds).toBeLessThan(allowedDrainSeconds(30, managed) + 3600);
  });

  it('honours both windows: never more than 5 in a minute even when the hour allows more', () => {
    const result = simulateDrain(
      12,
      [
        { perWindow: 5, windowSeconds: 60 },
        { perWindow: 100, windowSeconds: 3600 },
      ],
      rules,
    );
    expect(result.sent).toBe(12);
    expect(result.drainSeconds).toBe(120);
  });

  it('poisons the e-mails that are throttled more times than the dispatcher allows', () => {
    const result = simulateDrain(500, managed, rules);
    expect(result.poisoned).toBeGreaterThan(0);
    expect(result.sent + result.poisoned).toBe(500);
  });

  it('poisons none when the limit of throttled tries is out of reach', () => {
    expect(simulateDrain(500, managed, { ...rules, maxThrottledTries: 10_000 }).poisoned).toBe(0);
  });
});
