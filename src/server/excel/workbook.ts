// Excel downloads: sheets from rows, written to a buffer (reports) or streamed (large exports).

import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

export interface SheetSpec<T> {
  name: string;
  columns: Array<{ header: string; width?: number; value: (row: T) => string | number | boolean | null | undefined }>;
}

function addSheet<T>(wb: ExcelJS.Workbook, spec: SheetSpec<T>) {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** A small workbook (reports) in memory. */
export async function workbookBuffer(sheets: Array<{ spec: SheetSpec<any>; rows: Iterable<any> }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const { spec, rows } of sheets) {
    const ws = addSheet(wb, spec);
    for (const r of rows) ws.addRow(spec.columns.map((c) => c.value(r) ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A large export streamed row by row (the whole result is never held). */
export async function streamWorkbook<T>(out: Writable, spec: SheetSpec<T>, rows: AsyncIterable<T>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const r of rows) ws.addRow(spec.columns.map((c) => c.value(r) ?? null)).commit();
  ws.commit();
  await wb.commit();
}

/** Content-Disposition with a UTF-8 file name (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
