// certguard start / serve: migrate, make sure the administrator exists, seed the demo on first run,
// build the web app when it is missing or stale, and serve.

import type { Config } from '../config.js';
import { buildApp } from '../server/app.js';
import { ensureLocalAdmin } from '../server/auth/local-admin.js';
import { openDatabase } from '../server/db/database.js';
import { getMeta } from '../server/db/meta.repository.js';
import { seedDemo, DEMO_SEEDED_KEY } from './seed-command.js';
import { ensureWebBuilt } from './web-build.js';

export async function startServer(config: Config, options: { seedOnFirstRun: boolean; dev: boolean }): Promise<void> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const password = await ensureLocalAdmin(db.kysely, config.adminPassword);
  if (options.seedOnFirstRun && !(await getMeta(db.kysely, DEMO_SEEDED_KEY))) {
    console.log('首次启动：正在生成演示数据（四川省，small 规模）……');
    const t0 = Date.now();
    const summary = await seedDemo(db, config);
    console.log(`演示数据已生成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：${summary}`);
  }
  if (!options.dev) await ensureWebBuilt();
  const { app } = await buildApp({ db, config });
  const close = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  console.log(`\n证盾 CertGuard 已启动：${url}\n  管理后台：${url}/console\n  接口文档：${url}/api/docs`);
  if (password) console.log(`  本地管理员：用户名 admin，初始密码 ${password}（仅显示这一次，请妥善保存）`);
  else console.log('  本地管理员：用户名 admin（密码见首次启动时的输出，或用 ADMIN_PASSWORD 重设）');
}
