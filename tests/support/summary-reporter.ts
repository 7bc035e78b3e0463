import type { Reporter, TestModule } from 'vitest/node';
import type { SafetyTotals } from './totals';

/**
 * Ends the run with plain lines any reader or CI can parse: `Pruebas: N passed, N failed, N skipped`, and the
 * totals of the safety suites (authorization matrix, hostile inputs, faults, invariants).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const totals: SafetyTotals = { authorizationChecks: 0, hostileInputs: 0, faultsInjected: 0, invariantsHeld: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        // Only what passed counts as held.
        const counted = (test.meta() as { safetyTotals?: Partial<SafetyTotals> }).safetyTotals;
        if (state === 'passed' && counted)
          for (const key of Object.keys(totals) as (keyof SafetyTotals)[]) totals[key] += counted[key] ?? 0;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    console.log(
      `\nSeguridad: ${totals.authorizationChecks} combinaciones ruta × rol verificadas, ${totals.hostileInputs} entradas hostiles probadas, ` +
        `${totals.faultsInjected} fallas inyectadas, ${totals.invariantsHeld} invariantes cumplidas`,
    );
    console.log(`Pruebas: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
