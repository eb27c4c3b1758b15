// Setup file of the browser tier: when a test fails, say what the browser showed at that moment.
// For every open page: its address, its accessibility tree (what getByRole sees: a locator that
// timed out is explained here) and a screenshot in the temp folder; then the end of the server's
// output. CI keeps only the log, so the log must be enough to tell a slow machine from a broken page.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { liveEnvironments } from './environment.js';

const TREE_CHARS = 6000;
const SERVER_CHARS = 4000;

async function describePages(testName: string): Promise<string> {
  const dir = join(tmpdir(), 'certguard-e2e-failures');
  mkdirSync(dir, { recursive: true });
  const out: string[] = [`\n===== browser state when "${testName}" failed =====`];
  let n = 0;
  for (const env of liveEnvironments()) {
    for (const context of env.browser.contexts()) {
      for (const page of context.pages()) {
        n++;
        out.push(`--- page ${n}: ${page.url()}`);
        try {
          const tree = await page.locator('body').ariaSnapshot({ timeout: 5000 });
          out.push(tree.length > TREE_CHARS ? `${tree.slice(0, TREE_CHARS)}\n… (${tree.length - TREE_CHARS} more characters)` : tree);
        } catch (e) {
          out.push(`(no accessibility tree: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
        }
        const shot = join(dir, `${testName.replace(/[^\w\u4e00-\u9fff-]+/g, '_').slice(0, 80)}-${n}.png`);
        await page
          .screenshot({ path: shot, timeout: 5000 })
          .then(() => out.push(`(screenshot: ${shot})`))
          .catch(() => undefined);
      }
    }
    const log = env.serverOutput();
    if (log) out.push(`--- server output (last ${SERVER_CHARS} characters)`, log.slice(-SERVER_CHARS));
  }
  if (n === 0) out.push('(no open pages)');
  return out.join('\n');
}

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    console.error(await describePages(task.name));
  });
});
