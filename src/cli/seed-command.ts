// certguard seed: the synthetic Sichuan, into the configured database or as a dataset folder.
// Seeding a database goes through a dataset folder and the real importer, so the demo exercises the
// same path as real data.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { openDatabase, type Db } from '../server/db/database.js';
import { setMeta } from '../server/db/meta.repository.js';
import { isIsoDate, todayCst } from '../server/domain/dates.js';
import { importFiles } from '../server/import/import-files.js';
import { datasetFiles } from '../server/import/read-dataset.js';
import { writeDatasetFolder } from '../server/seed/write-dataset.js';
import { progressReporter } from './progress.js';

export const DEMO_SEEDED_KEY = 'demo_seeded';

type Scale = 'small' | 'province' | number;

async function seedInto(db: Db, options: { scale: Scale; seed: number; asOf: string }, quiet: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'certguard-seed-'));
  try {
    const generated = await writeDatasetFolder(dir, { scale: options.scale, seed: options.seed, asOf: options.asOf }, { messy: false });
    const bar = progressReporter();
    const report = await importFiles(db, datasetFiles(dir), {
      onProgress: quiet ? undefined : (p) => bar.update(`[${p.fileIndex + 1}/${p.fileCount}] ${p.file ?? ''}`, p.bytesRead, p.bytesTotal, `${p.rowsRead} 行`),
    });
    bar.done();
    const bad = report.files.filter((f) => f.status !== 'imported');
    if (bad.length) throw new Error(`演示数据导入失败：${bad.map((f) => `${f.file}：${f.message}`).join('；')}`);
    return `${report.files.map((f) => `${f.kind} ${f.read}`).join('，')}；注入问题 ${generated.injected.length} 处`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo province on first start: small scale, dated relative to today. */
export async function seedDemo(db: Db, _config: Config): Promise<string> {
  const summary = await seedInto(db, { scale: 'small', seed: 20240501, asOf: todayCst() }, true);
  await setMeta(db.kysely, DEMO_SEEDED_KEY, new Date().toISOString());
  return summary;
}

export async function runSeed(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '20240501' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      messy: { type: 'boolean', default: false },
    },
  });
  const scale: Scale = /^\d+$/.test(values.scale!) ? Number(values.scale) : (values.scale as Scale);
  if (scale !== 'small' && scale !== 'province' && !(typeof scale === 'number' && scale > 0)) {
    console.error('--scale 应为 small、province 或证书数量（正整数）');
    return 2;
  }
  const asOf = values['as-of'] ?? todayCst();
  if (!isIsoDate(asOf)) {
    console.error(`--as-of 应为 YYYY-MM-DD 格式的日期，实际为“${asOf}”`);
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error('--seed 应为整数');
    return 2;
  }
  const t0 = Date.now();
  if (values.out) {
    const r = await writeDatasetFolder(values.out, { scale, seed, asOf }, { messy: values.messy === true });
    console.log(`数据集已写入 ${values.out}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：注入问题 ${r.injected.length} 处，见 injected.csv`);
    return 0;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const summary = await seedInto(db, { scale, seed, asOf }, false);
    await setMeta(db.kysely, DEMO_SEEDED_KEY, new Date().toISOString());
    console.log(`已写入数据库（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：${summary}`);
    return 0;
  } finally {
    await db.close();
  }
}
