import { describe, expect, it } from 'vitest';
import { allowedDrainSeconds, simulateDrain } from '../../scripts/bench/mail-drain-model';
import { DEFAULT_MAIL_THROTTLE_MAX_HOURS } from '../../src/config/mail';

const rules = { throttleBudgetSeconds: DEFAULT_MAIL_THROTTLE_MAX_HOURS * 3600, maxDequeueCount: 5, visibilitySeconds: 30 };
const managed = [
  { perWindow: 5, windowSeconds: 60 },
  { perWindow: 10, windowSeconds: 3600 },
];

describe('mail drain under throttling (simulated time)', () => {
  it('sends at the allowed rate: 30 e-mails at 5/min and 10/h take a little over two hours', () => {
    const result = simulateDrain(30, managed, rules);
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

  // The rule used to be a count (20 throttled tries in a row, then poison): 390 of 500 were poisoned here.
  it('poisons the e-mails still throttled past the time budget (24 h: the 10/h limit sends ~240 by then)', () => {
    const result = simulateDrain(500, managed, { ...rules, throttleBudgetSeconds: 24 * 3600 });
    expect(result.poisoned).toBeGreaterThan(0);
    expect(result.sent).toBeLessThanOrEqual(250);
    expect(result.sent + result.poisoned).toBe(500);
  });

  it("poisons none with the product's default budget (168 h), though one e-mail is throttled far more than 20 times", () => {
    const result = simulateDrain(500, managed, rules);
    expect(result).toMatchObject({ sent: 500, poisoned: 0 });
    expect(result.maxThrottledOfOne).toBeGreaterThan(20);
    expect(result.drainSeconds).toBeLessThan(rules.throttleBudgetSeconds);
  });
});
