// Prints one plain closing line, "Tests: N passed, N failed, N skipped", that any CI can read.

import { writeSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules)
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    // After every other reporter's summary: the very last line of the run.
    process.once('exit', () => writeSync(1, `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  }
}
