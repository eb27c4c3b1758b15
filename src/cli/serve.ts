// certguard start / serve: migrate, make sure the administrator exists, seed the demo on first run,
// build the web app when it is missing or stale, and serve.

import type { Config } from '../config.js';
import { buildApp } from '../server/app.js';
import { seedDemoAccounts, type DemoAccount } from '../server/accounts/demo-accounts.js';
import { ROLE_LABELS } from '../server/access/roles.js';
import { ensureLocalAdmin } from '../server/auth/local-admin.js';
import { regionByCode } from '../server/domain/regions.js';
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
  // One account per role for the demo, after the registry (the enterprise account needs an enterprise).
  const demoAccounts = options.seedOnFirstRun ? await seedDemoAccounts(db.kysely) : [];
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
  if (demoAccounts.length) printDemoAccounts(demoAccounts);
}

/** The demo accounts and their passwords, once, as a table. */
function printDemoAccounts(accounts: DemoAccount[]): void {
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  const pad = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
  const rows = [['用户名', '角色', '辖区', '初始密码'], ...accounts.map((a) => [a.username, ROLE_LABELS[a.role], `${regionByCode(a.region)?.name ?? ''} ${a.region}`, a.password])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  console.log('\n  演示账号（每个角色一个；密码仅显示这一次。管理员、监管、检查、审计账号首次登录时绑定动态验证码）：');
  for (const r of rows) console.log('    ' + r.map((c, i) => pad(c, widths[i]!)).join('  '));
}
