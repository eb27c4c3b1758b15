// certguard CLI: start, serve, migrate, seed, import, screen, verify-roster, audit, bench.

import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config.js';

const HELP = `certguard — 证盾 CertGuard

Usage:
  certguard start                         migrate, seed the demo province on first run, serve the app
  certguard serve                         serve the app (API under /api, console at /console)
  certguard migrate                       bring the database schema up to date
  certguard build-web                     build the web app when it is missing or stale
  certguard seed [--scale small|province] [--seed N] [--as-of YYYY-MM-DD] [--out DIR [--messy]]
                                          seed the configured database, or write a dataset folder
  certguard import PATH... [--kind KIND] [--report FILE]
                                          import files or dataset folders
  certguard screen [--data DIR] [--as-of YYYY-MM-DD] --out hits.csv
                                          run the 14 screening rules
  certguard verify-roster FILE --out RESULT.xlsx [--as-of YYYY-MM-DD]
                                          企业自查: check a roster (姓名, 身份证号, 证书编号, …) against the registry
  certguard audit verify [--anchor SEQ:HASH]...
                                          check the audit log's hash chain; names the first broken entry
  certguard bench                         benchmarks (npm run bench)

Environment: PORT (3000), DATA_DIR (./data), DATABASE_URL (PostgreSQL; default embedded SQLite),
ADMIN_PASSWORD, SEED_DEMO (true), LOG_LEVEL (info).`;

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case 'start':
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { dev: { type: 'boolean' } } });
      const { startServer } = await import('./serve.js');
      await startServer(config, { seedOnFirstRun: command === 'start' && config.seedDemo, dev: values.dev === true });
      return -1; // keeps running
    }
    case 'build-web': {
      const { ensureWebBuilt } = await import('./web-build.js');
      await ensureWebBuilt();
      return 0;
    }
    case 'migrate': {
      const { openDatabase } = await import('../server/db/database.js');
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      console.log('数据库结构已是最新。');
      await db.close();
      return 0;
    }
    case 'import': {
      const { runImport } = await import('./import-command.js');
      return runImport(config, rest);
    }
    case 'seed': {
      const { runSeed } = await import('./seed-command.js');
      return runSeed(config, rest);
    }
    case 'screen': {
      const { runScreen } = await import('./screen-command.js');
      return runScreen(config, rest);
    }
    case 'verify-roster': {
      const { runVerifyRoster } = await import('../server/roster/verify-roster-command.js');
      return runVerifyRoster(config, rest);
    }
    case 'audit': {
      const { runAudit } = await import('./audit-command.js');
      return runAudit(config, rest);
    }
    case 'bench': {
      const { runBench } = await import('../../bench/run.js');
      return runBench(config, rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`未知命令“${command}”。\n\n${HELP}`);
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    if (e instanceof ConfigError) console.error(`配置错误：${e.message}`);
    else if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') console.error(`参数错误：${e.message}`);
    else console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
