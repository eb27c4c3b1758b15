#!/usr/bin/env node
// npm test: unit and API tests first, then the browser tests on their own (they start servers and
// Chromium, and are the first to time out when they share two cores with everything else).
// Each vitest run appends its counts to a file; the last line printed is the total for all tiers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'certguard-test-summary-'));
const summary = join(dir, 'summary.jsonl');
const extra = process.argv.slice(2);
// A filter (npm test -- src/server/domain) may leave one of the runs without files.
if (extra.length) extra.push('--passWithNoTests');
const runs = [
  ['--project', 'unit', '--project', 'api'],
  // One browser-test file at a time: each starts a server and Chromium.
  ['--project', 'e2e', '--no-file-parallelism'],
];
let failedRuns = 0;
for (const projects of runs) {
  if (projects.includes('e2e')) {
    // Build the web app before the browser tier, outside any test worker.
    const b = spawnSync(process.execPath, ['bin/certguard.mjs', 'build-web'], { stdio: 'inherit' });
    if (b.status !== 0) failedRuns++;
  }
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...projects, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, CERTGUARD_TEST_SUMMARY: summary },
  });
  if (r.status !== 0) failedRuns++;
}
const totals = { passed: 0, failed: 0, skipped: 0 };
try {
  for (const line of readFileSync(summary, 'utf8').trim().split('\n')) {
    const c = JSON.parse(line);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
} catch {
  failedRuns++;
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);
