// certguard verify-roster FILE --out RESULT.xlsx [--as-of YYYY-MM-DD]: the roster check on the configured database.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { openDatabase } from '../db/database.js';
import { isIsoDate, todayCst } from '../domain/dates.js';
import { AppError } from '../http/errors.js';
import { formatOf } from '../import/read-rows.js';
import { checkRoster } from './check-roster.js';
import { rosterWorkbook } from './roster-excel.js';
import { ROSTER_VERDICTS } from './roster-verdict.js';

export async function runVerifyRoster(config: Config, args: string[], log: (s: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, 'as-of': { type: 'string' } } });
  const file = positionals[0];
  if (!file || !values.out || positionals.length > 1) {
    console.error('用法：certguard verify-roster 名册.xlsx|名册.csv --out 结果.xlsx [--as-of YYYY-MM-DD]');
    return 2;
  }
  const format = formatOf(file);
  if (!format) {
    console.error(`不支持的文件格式“${file}”：请提供 .xlsx 或 .csv 文件`);
    return 2;
  }
  const asOf = values['as-of'] ?? todayCst();
  if (!isIsoDate(asOf)) {
    console.error(`--as-of 应为 YYYY-MM-DD，实际为“${asOf}”`);
    return 2;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const t0 = Date.now();
    const check = await checkRoster(db.kysely, { path: file, format, today: asOf });
    writeFileSync(values.out, await rosterWorkbook(check));
    const counts = ROSTER_VERDICTS.filter((v) => check.summary[v] > 0).map((v) => `${v} ${check.summary[v]}`);
    log(`已核验 ${check.rows.length} 人（${((Date.now() - t0) / 1000).toFixed(1)} 秒，核验日期 ${asOf}）：${counts.join('，') || '无数据行'}`);
    log(`结果已写入 ${values.out}`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  } finally {
    await db.close();
  }
}
