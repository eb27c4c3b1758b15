// The web app's production build (dist/web), made when it is missing or older than its sources.
// One place for `npm start`, the e2e tests and `npm test`.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WEB_SRC = join(REPO, 'src/web');
const WEB_INDEX = join(REPO, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webIsStale(): boolean {
  if (!existsSync(WEB_SRC)) return false;
  return !existsSync(WEB_INDEX) || statSync(WEB_INDEX).mtimeMs < newestMtime(WEB_SRC);
}

/**
 * Build in a child process (the event loop stays free) with NODE_ENV=production, whatever the caller's
 * environment says (vitest sets it to `test`, which builds a development-flavoured bundle).
 */
export function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`网页前端构建失败（退出码 ${code}）：\n${stderr}`))));
  });
}

export async function ensureWebBuilt(log: (s: string) => void = console.log): Promise<void> {
  if (!webIsStale()) return;
  log('正在构建网页前端（首次启动约需半分钟）……');
  await buildWeb();
}
