// certguard screen [--data DIR] [--as-of YYYY-MM-DD] --out hits.csv
// With --data, the dataset folder is imported into a fresh temporary database first (the real importer),
// so the hits are those of exactly that folder.

import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { openDatabase, type Db } from '../server/db/database.js';
import { isIsoDate, todayCst } from '../server/domain/dates.js';
import { importFiles } from '../server/import/import-files.js';
import { datasetFiles } from '../server/import/read-dataset.js';
import { loadScreeningTables } from '../server/registry/load-dataset.js';
import { screenTables } from '../server/screening/engine.js';
import { resolveParams } from '../server/screening/params.js';
import { insuranceWindow } from '../server/screening/rules/r05-hung-certificate.js';
import { writeHitsCsv } from '../server/screening/hits-csv.js';
import { progressReporter } from './progress.js';

export async function runScreen(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' }, rules: { type: 'string' } } });
  const asOf = values['as-of'] ?? todayCst();
  if (!isIsoDate(asOf)) {
    console.error(`--as-of 应为 YYYY-MM-DD 格式的日期，实际为“${asOf}”`);
    return 2;
  }
  if (!values.out) {
    console.error('用法：certguard screen [--data DIR] [--as-of YYYY-MM-DD] --out hits.csv');
    return 2;
  }
  let tempDir: string | null = null;
  let db: Db;
  if (values.data) {
    if (!existsSync(values.data) || !statSync(values.data).isDirectory()) {
      console.error(`找不到数据集目录：${values.data}`);
      return 2;
    }
    const files = datasetFiles(values.data);
    if (files.length === 0) {
      console.error(`目录 ${values.data} 中没有可识别的数据文件`);
      return 2;
    }
    tempDir = mkdtempSync(join(tmpdir(), 'certguard-screen-'));
    db = await openDatabase({ dataDir: tempDir });
    const bar = progressReporter();
    const report = await importFiles(db, files, {
      onProgress: (p) => bar.update(`导入 [${p.fileIndex + 1}/${p.fileCount}] ${p.file ?? ''}`, p.bytesRead, p.bytesTotal, `${p.rowsRead} 行`),
    });
    bar.done();
    const rejected = report.files.filter((f) => f.status !== 'imported');
    for (const f of rejected) {
      console.error(`✗ ${f.file}：${f.message}`);
      for (const r of f.rejected.slice(0, 10)) console.error(`    第 ${r.row} 行 ${r.column}：${r.reason}`);
    }
    if (rejected.length) {
      console.error('数据集有文件未能导入，筛查未进行（结果会不完整）。');
      await db.close();
      rmSync(tempDir, { recursive: true, force: true });
      return 1;
    }
  } else db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const t0 = performance.now();
    // The same columnar loader as the console's runs (decision 015): no row objects, evidence fetched for hits.
    const loaded = await loadScreeningTables(db, { insuranceMonths: insuranceWindow(asOf, resolveParams({}).insuranceLookbackMonths) });
    const loadMs = performance.now() - t0;
    let result: Awaited<ReturnType<typeof screenTables>>;
    try {
      result = await screenTables(loaded.tables, loaded.rows, { asOf, rules: values.rules?.split(',') });
    } finally {
      await loaded.close();
    }
    mkdirSync(dirname(resolve(values.out)), { recursive: true });
    await writeHitsCsv(result.hits, values.out);
    const perRule = result.stats.rules.map((r) => `${r.rule} ${r.hits}`).join('，');
    console.log(`筛查完成（评估日期 ${asOf}）：命中 ${result.hits.length} 条（${perRule}）。读取 ${(loadMs / 1000).toFixed(1)} 秒，规则 ${(result.stats.totalMs / 1000).toFixed(1)} 秒。结果已写入 ${values.out}`);
    return 0;
  } finally {
    await db.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
