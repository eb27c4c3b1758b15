import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readXlsxRows } from './read-xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-test-'));

async function readAll(path: string) {
  const rows: Array<{ rowNumber: number; cells: unknown[] }> = [];
  for await (const batch of readXlsxRows(path)) rows.push(...batch);
  return rows;
}

describe('XLSX reading', () => {
  it('keeps every Chinese character whole across the zip stream chunks (shared strings and inline)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    const expected: string[][] = [];
    for (let i = 0; i < 6000; i++) {
      const row = [`四川省成都市锦江区第${i}号项目`, `张${'三四五六七八九'[i % 7]}丰`, `${2024}年${1 + (i % 12)}月${1 + (i % 28)}日`];
      expected.push(row);
      ws.addRow(row);
    }
    const path = join(dir, 'big.xlsx');
    await wb.xlsx.writeFile(path);
    const rows = await readAll(path);
    expect(rows).toHaveLength(6000);
    expect(rows.map((r) => r.cells)).toEqual(expected);
  });

  it('reads the first sheet in workbook order, with numbers, booleans, dates as serials and gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('第一页');
    wb.addWorksheet('第二页').addRow(['不应读取']);
    first.addRow([]);
    first.addRow(['证书编号', null, '发证日期', '合格']);
    first.addRow(['川建安B(2021)1052428', 12.5, new Date(Date.UTC(2024, 2, 5)), true]);
    const path = join(dir, 'kinds.xlsx');
    await wb.xlsx.writeFile(path);
    const rows = await readAll(path);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['证书编号', null, '发证日期', '合格'] },
      { rowNumber: 3, cells: ['川建安B(2021)1052428', 12.5, 45356, true] },
    ]);
  });

  it('says clearly when the file is no xlsx', async () => {
    const path = join(dir, 'not.xlsx');
    (await import('node:fs')).writeFileSync(path, 'hello');
    await expect(readAll(path)).rejects.toThrow(/无法读取 Excel 文件/);
  });
});
