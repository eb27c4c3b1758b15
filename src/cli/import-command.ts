// certguard import PATH... [--kind KIND] [--report FILE]

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { cliActor, recordImportCompleted } from '../server/audit/record-jobs.js';
import { openDatabase } from '../server/db/database.js';
import { KIND_NAMES, type KindName } from '../server/domain/records.js';
import { importFiles, type ImportInput } from '../server/import/import-files.js';
import { datasetFiles } from '../server/import/read-dataset.js';
import { progressReporter } from './progress.js';

export async function runImport(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { report: { type: 'string' }, kind: { type: 'string' } },
  });
  if (positionals.length === 0) {
    console.error('用法：certguard import PATH... [--kind KIND] [--report FILE]');
    return 2;
  }
  const kind = values.kind as KindName | undefined;
  if (kind && !KIND_NAMES.includes(kind)) {
    console.error(`未知的数据类型“${kind}”；可选：${KIND_NAMES.join('、')}`);
    return 2;
  }
  const inputs: ImportInput[] = [];
  for (const p of positionals) {
    if (!existsSync(p)) {
      console.error(`找不到文件或目录：${p}`);
      return 2;
    }
    if (statSync(p).isDirectory()) {
      const files = datasetFiles(p);
      if (files.length === 0) console.error(`目录 ${p} 中没有可识别的数据文件`);
      inputs.push(...files.map((f) => ({ path: f.path, kind: f.kind })));
    } else inputs.push({ path: p, kind: kind ?? null });
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bar = progressReporter();
  try {
    const report = await importFiles(db, inputs, {
      onProgress: (p) => bar.update(`[${p.fileIndex + 1}/${p.fileCount}] ${p.file ?? ''}`, p.bytesRead, p.bytesTotal, `${p.rowsRead} 行`),
    });
    bar.done();
    await recordImportCompleted(db.kysely, cliActor(userInfo().username), { via: 'cli', report });
    for (const f of report.files) {
      const line = `${f.file}（${f.kind ?? '未知类型'}）：读取 ${f.read}，新增 ${f.inserted}，更新 ${f.updated}，未变 ${f.unchanged}，拒绝 ${f.rejectedCount}`;
      console.log(f.status === 'imported' ? `✓ ${line}` : `✗ ${line}\n  ${f.message ?? ''}`);
      for (const r of f.rejected.slice(0, 10)) console.log(`    第 ${r.row} 行 ${r.column}：${r.reason}`);
      if (f.rejected.length > 10) console.log(`    ……其余 ${f.rejectedCount - 10} 处见报告`);
    }
    if (values.report) {
      writeFileSync(values.report, JSON.stringify(report, null, 2));
      console.log(`导入报告已写入 ${values.report}`);
    }
    return report.files.every((f) => f.status === 'imported') ? 0 : 1;
  } finally {
    await db.close();
  }
}
