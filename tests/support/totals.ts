import type { TestContext } from 'vitest';

/** What the safety suites add up, printed at the end of `npm test` by the summary reporter. */
export type SafetyTotals = {
  /** Route × role (or route × origin) combinations whose status was checked. */
  authorizationChecks: number;
  /** Hostile inputs sent (fuzzed bodies, queries, paths, oversized bodies). */
  hostileInputs: number;
  /** Faults injected (storage stopped or slow, secret store failing, SMTP down, Graph refusing…). */
  faultsInjected: number;
  /** Invariants asserted and held (no 5xx, no stack, nothing written on refusal, headers present…). */
  invariantsHeld: number;
};

declare module 'vitest' {
  interface TaskMeta {
    safetyTotals?: Partial<SafetyTotals>;
  }
}

/** Adds to this test's totals; the reporter sums every test's. */
export function countSafety(context: Pick<TestContext, 'task'>, add: Partial<SafetyTotals>): void {
  const totals = (context.task.meta.safetyTotals ??= {});
  for (const [key, value] of Object.entries(add) as [keyof SafetyTotals, number][]) totals[key] = (totals[key] ?? 0) + value;
}
