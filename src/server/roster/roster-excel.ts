// The result workbook: the roster's own columns as they came, then 核验结果 and 说明; rows with a
// problem filled (red for a false or unusable certificate, amber for the rest); a summary sheet.

import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { RosterCheck } from './check-roster.js';
import { ROSTER_VERDICTS, type RosterVerdict } from './roster-verdict.js';

const RED: RosterVerdict[] = ['证书不存在', '人证不符', '身份证号无效', '吊销', '撤销'];
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const RED_FILL = fill('FFFDE2E1');
const AMBER_FILL = fill('FFFFF1D6');
const HEADER_FILL = fill('FFE8EEF8');

// The streaming reader gives date cells as Excel serial numbers (it does not read styles): in columns
// whose header names a date, serial numbers are written back as dates so the copy looks like the original.
const DATE_HEADER = /日期|时间|年月|date|time/i;
// Serial 25569 is 1970-01-01; readers and writers of spreadsheets keep the wall clock in UTC fields.
const asDate = (v: unknown): Date | null =>
  typeof v === 'number' && v >= 1 && v <= 2_958_465 ? new Date(Math.round((v - 25_569) * 86_400) * 1000) : null;

// Shared style objects: one per kind of cell, so the writer does not build a style per cell.
const DATE_FMT = 'yyyy-mm-dd';
const STYLE = {
  date: { numFmt: DATE_FMT },
  red: { fill: RED_FILL },
  redDate: { fill: RED_FILL, numFmt: DATE_FMT },
  redVerdict: { fill: RED_FILL, font: { bold: true, color: { argb: 'FFC4161C' } } },
  amber: { fill: AMBER_FILL },
  amberDate: { fill: AMBER_FILL, numFmt: DATE_FMT },
  amberVerdict: { fill: AMBER_FILL, font: { bold: true, color: { argb: 'FF8A5A00' } } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export async function rosterWorkbook(check: RosterCheck): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('核验结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  let width = check.header.length;
  for (const r of check.rows) if (r.cells.length > width) width = r.cells.length;
  const dateColumns = check.header.flatMap((h, i) => (DATE_HEADER.test(h) ? [i] : []));
  const header = [...check.header, ...Array(width - check.header.length).fill(''), '核验结果', '说明'];
  ws.columns = header.map((h, i) => ({ header: h, width: i >= width ? (i === width ? 14 : 48) : Math.max(12, Math.min(30, h.length * 2 + 6)) }));
  const h = ws.getRow(1);
  h.font = { bold: true };
  h.eachCell((c) => (c.fill = HEADER_FILL));
  h.commit();
  for (const r of check.rows) {
    const cells: unknown[] = [...r.cells];
    while (cells.length < width) cells.push(null);
    for (const i of dateColumns) cells[i] = asDate(cells[i]) ?? cells[i];
    const row = ws.addRow([...cells.map((c) => (c === undefined ? null : c)), r.verdict, r.note]);
    const problem = r.verdict !== '一致';
    const red = problem && RED.includes(r.verdict);
    for (let i = 0; i < width; i++) {
      const isDate = cells[i] instanceof Date;
      if (problem) row.getCell(i + 1).style = red ? (isDate ? STYLE.redDate : STYLE.red) : isDate ? STYLE.amberDate : STYLE.amber;
      else if (isDate) row.getCell(i + 1).style = STYLE.date;
    }
    if (problem) {
      row.getCell(width + 1).style = red ? STYLE.redVerdict : STYLE.amberVerdict;
      row.getCell(width + 2).style = red ? STYLE.red : STYLE.amber;
    }
    row.commit();
  }
  ws.commit();
  const sum = wb.addWorksheet('汇总');
  sum.columns = [
    { header: '核验结果', width: 16 },
    { header: '人数', width: 10 },
  ];
  sum.getRow(1).font = { bold: true };
  for (const v of ROSTER_VERDICTS) sum.addRow([v, check.summary[v]]).commit();
  sum.addRow(['合计', check.rows.length]).commit();
  sum.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}
