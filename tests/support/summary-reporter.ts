// Counts a run's tests. Under scripts/test.mjs (npm test) the counts go to the file it names, and it
// prints the total of all tiers; run directly, this prints the plain closing line itself:
// "Tests: N passed, N failed, N skipped", which any CI can read.

import { appendFileSync, writeSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
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
    // An unhandled error fails the run even when every test passed.
    if (unhandledErrors.length > 0) failed += unhandledErrors.length;
    const file = process.env.CERTGUARD_TEST_SUMMARY;
    if (file) appendFileSync(file, JSON.stringify({ passed, failed, skipped }) + '\n');
    // After every other reporter's summary: the very last line of the run.
    else process.once('exit', () => writeSync(1, `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  }
}
