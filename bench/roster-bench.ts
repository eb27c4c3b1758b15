// 企业自查 speed: a 10,000-row roster from Excel in to Excel out (read, check against 1M certificates,
// write the annotated workbook), against the same database the verification benchmark uses.

import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/server/db/database.js';
import { checkRoster } from '../src/server/roster/check-roster.js';
import { rosterWorkbook } from '../src/server/roster/roster-excel.js';
import { certificateRow } from './fixtures.js';
import { certificateDataDir } from './verification-bench.js';

export async function benchRoster(certificates = 1_000_000, rosterRows = 10_000): Promise<Record<string, number | string>> {
  const dataDir = await certificateDataDir(certificates);
  const dir = mkdtempSync(join(tmpdir(), 'certguard-bench-roster-'));
  try {
    // A realistic roster: mostly registered people, some wrong names, unknown numbers and bad IDs.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员名册');
    ws.addRow(['序号', '姓名', '身份证号', '证书编号', '证书类别', '岗位', '聘用单位统一社会信用代码', '进场日期']);
    for (let k = 0; k < rosterRows; k++) {
      const r = certificateRow((k * 7919) % certificates);
      const kind = k % 20;
      ws.addRow([
        k + 1,
        kind === 1 ? '错名' : r[3],
        kind === 2 ? r[4]!.slice(0, 17) + (r[4]![17] === '0' ? '1' : '0') : r[4],
        kind === 3 ? `川建安B(2099)${String(k).padStart(7, '0')}` : r[0],
        r[1],
        '',
        r[5],
        new Date(Date.UTC(2025, 2, 1)),
      ]);
    }
    const input = join(dir, 'roster.xlsx');
    writeFileSync(input, Buffer.from(await wb.xlsx.writeBuffer()));
    const db = await openDatabase({ dataDir });
    try {
      const runs: number[] = [];
      let check: Awaited<ReturnType<typeof checkRoster>> | null = null;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        check = await checkRoster(db.kysely, { path: input, format: 'xlsx', today: '2026-01-01' });
        writeFileSync(join(dir, 'result.xlsx'), await rosterWorkbook(check));
        runs.push(performance.now() - t0);
      }
      const best = Math.min(...runs);
      const summary = Object.entries(check!.summary)
        .filter(([, n]) => n > 0)
        .map(([v, n]) => `${v} ${n}`)
        .join(', ');
      return {
        'roster rows': rosterRows,
        'registry certificates': certificates,
        'input MB': Number((statSync(input).size / 1024 / 1024).toFixed(2)),
        verdicts: summary,
        'Excel in → Excel out s (best of 3, target ≤ 2)': Number((best / 1000).toFixed(2)),
        'runs s': runs.map((ms) => (ms / 1000).toFixed(2)).join(' / '),
      };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
