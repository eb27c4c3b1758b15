// A file's rows, validated and normalised by its kind: accepted records or row-level rejections.

import type { CellValue } from '../domain/dates.js';
import { isEmptyCell, parseCell, type Value } from './columns.js';
import { mapHeader, type KindSpec } from './kinds.js';
import { readRows, type FileFormat } from './read-rows.js';

export interface Rejection {
  row: number;
  column: string;
  reason: string;
}

export type ParsedRow =
  | { ok: true; row: number; record: Record<string, Value> }
  | { ok: false; row: number; problems: Rejection[] };

export interface ParseProgress {
  rowsRead: number;
  bytesRead: number;
}

export class FileLevelError extends Error {
  constructor(
    readonly rejection: Rejection,
  ) {
    super(rejection.reason);
  }
}

function headerText(v: CellValue): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
}

/**
 * Validate and normalise every row. The header is the first non-empty row; blank rows are skipped.
 * Throws FileLevelError when the header lacks a required column (nothing in the file can be read then).
 */
export async function* parseFile(
  path: string,
  format: FileFormat,
  spec: KindSpec,
  onProgress?: (p: ParseProgress) => void,
): AsyncGenerator<ParsedRow> {
  let bytesRead = 0;
  let rowsRead = 0;
  let columns: Array<{ key: string; header: string; index: number; type: KindSpec['columns'][number]['type']; required: boolean; identity: boolean }> | null = null;
  const identity = new Set(spec.identity);
  for await (const raw of readRows(path, format, (b) => {
    bytesRead = b;
  })) {
    if (raw.cells.every(isEmptyCell)) continue;
    if (!columns) {
      const mapping = mapHeader(spec, raw.cells.map(headerText));
      const missing = mapping.missingRequired[0];
      if (missing)
        throw new FileLevelError({
          row: raw.rowNumber,
          column: missing.header,
          reason: `表头缺少必需列“${missing.header}”（${missing.key}）：${mapping.missingRequired.map((c) => c.header).join('、')}`,
        });
      columns = spec.columns.map((c) => ({ ...c, index: mapping.indexOf.get(c.key)!, identity: identity.has(c.key) }));
      continue;
    }
    rowsRead++;
    if (raw.error) {
      yield { ok: false, row: raw.rowNumber, problems: [{ row: raw.rowNumber, column: '', reason: `CSV格式错误：${raw.error}` }] };
      continue;
    }
    const record: Record<string, Value> = {};
    let problems: Rejection[] | null = null;
    for (const c of columns) {
      const cell = c.index >= 0 ? raw.cells[c.index] : undefined;
      if (isEmptyCell(cell)) {
        if (c.required) (problems ??= []).push({ row: raw.rowNumber, column: c.header, reason: `必填项“${c.header}”为空` });
        record[c.key] = c.identity ? '' : null;
        continue;
      }
      const parsed = parseCell(c.type, cell);
      if (parsed.ok) record[c.key] = parsed.value;
      else (problems ??= []).push({ row: raw.rowNumber, column: c.header, reason: parsed.reason });
    }
    for (const [k, v] of Object.entries(spec.fixed)) record[k] = v;
    if (problems) yield { ok: false, row: raw.rowNumber, problems };
    else yield { ok: true, row: raw.rowNumber, record };
    if (rowsRead % 2000 === 0) onProgress?.({ rowsRead, bytesRead });
  }
  if (!columns) throw new FileLevelError({ row: 0, column: '', reason: '文件为空或没有表头行' });
  onProgress?.({ rowsRead, bytesRead });
}
