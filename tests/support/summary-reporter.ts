import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with one plain line, `Pruebas: N passed, N failed, N skipped`, that any reader or CI can parse. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    console.log(`\nPruebas: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
