// Streaming XLSX: the first sheet, read row by row with ExcelJS's streaming reader.

import ExcelJS from 'exceljs';
import { createReadStream, statSync } from 'node:fs';
import type { CellValue } from '../domain/dates.js';
import type { RawRow } from './read-rows.js';

/** ExcelJS cell values (rich text, formulas, hyperlinks, errors) as plain values. */
export function plainCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
    if ('result' in o) return plainCellValue(o.result);
    if ('text' in o) return plainCellValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

const BATCH = 500;

export async function* readXlsxRows(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<RawRow[]> {
  const total = statSync(path).size;
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  stream.on('data', (c) => {
    bytes += (c as Buffer).length;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let batch: RawRow[] = [];
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plainCellValue(values[i]));
      batch.push({ rowNumber: row.number, cells });
      if (batch.length >= BATCH) {
        onBytes?.(Math.min(bytes, total));
        yield batch;
        batch = [];
      }
    }
    break; // the first sheet only
  }
  onBytes?.(total);
  if (batch.length) yield batch;
}
