// A file's rows, validated and normalised by its kind: accepted records or row-level rejections.

import type { CellValue } from '../domain/dates.js';
import { isEmptyCell, parseCell, type ColumnType, type Value } from './columns.js';
import { mapHeader, tableColumns, type KindSpec } from './kinds.js';
import { readRows, type FileFormat } from './read-rows.js';

export interface Rejection {
  row: number;
  column: string;
  reason: string;
}

/** An accepted row's values are in `tableColumns(spec)` order: the kind's columns, then fixed values. */
export type ParsedRow = { ok: true; row: number; values: Value[] } | { ok: false; row: number; problems: Rejection[] };

export interface ParseProgress {
  rowsRead: number;
  bytesRead: number;
}

export class FileLevelError extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.reason);
  }
}

function headerText(v: CellValue): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
}

interface BoundColumn {
  header: string;
  index: number;
  type: ColumnType;
  required: boolean;
  /** Empty identity values are '' rather than null, so that row identity stays unique. */
  emptyValue: '' | null;
}

/** A reader's own failure (a corrupt file, bad XML) rejects the file rather than the whole import. */
async function* readable<T>(rows: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (e) {
    throw new FileLevelError({ row: 0, column: '', reason: e instanceof Error ? e.message : String(e) });
  }
}

/** A record object from a parsed row's values. */
export function recordOf(spec: KindSpec, values: Value[]): Record<string, Value> {
  const keys = tableColumns(spec);
  const rec: Record<string, Value> = {};
  for (let i = 0; i < keys.length; i++) rec[keys[i]!] = values[i]!;
  return rec;
}

/**
 * Validate and normalise every row, in batches. The header is the first non-empty row; blank rows are
 * skipped. Throws FileLevelError when the header lacks a required column.
 */
export async function* parseFile(
  path: string,
  format: FileFormat,
  spec: KindSpec,
  onProgress?: (p: ParseProgress) => void,
): AsyncGenerator<ParsedRow[]> {
  let bytesRead = 0;
  let rowsRead = 0;
  let columns: BoundColumn[] | null = null;
  const fixed = Object.values(spec.fixed);
  for await (const batch of readable(readRows(path, format, (b) => {
    bytesRead = b;
  }))) {
    const out: ParsedRow[] = [];
    for (const raw of batch) {
      if (raw.cells.every(isEmptyCell)) continue;
      if (!columns) {
        const mapping = mapHeader(spec, raw.cells.map(headerText));
        if (mapping.missingRequired.length > 0) {
          const missing = mapping.missingRequired[0]!;
          throw new FileLevelError({
            row: raw.rowNumber,
            column: missing.header,
            reason: `表头缺少必需列：${mapping.missingRequired.map((c) => `“${c.header}”（${c.key}）`).join('、')}`,
          });
        }
        columns = spec.columns.map((c) => ({
          header: c.header,
          index: mapping.indexOf.get(c.key)!,
          type: c.type,
          required: c.required,
          emptyValue: spec.identity.includes(c.key) ? '' : null,
        }));
        continue;
      }
      rowsRead++;
      if (raw.error) {
        out.push({ ok: false, row: raw.rowNumber, problems: [{ row: raw.rowNumber, column: '', reason: `CSV格式错误：${raw.error}` }] });
        continue;
      }
      const values: Value[] = new Array(columns.length + fixed.length);
      let problems: Rejection[] | null = null;
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        const cell = c.index >= 0 ? raw.cells[c.index] : undefined;
        if (isEmptyCell(cell)) {
          if (c.required) (problems ??= []).push({ row: raw.rowNumber, column: c.header, reason: `必填项“${c.header}”为空` });
          values[i] = c.emptyValue;
          continue;
        }
        const parsed = parseCell(c.type, cell);
        if (parsed.ok) values[i] = parsed.value;
        else (problems ??= []).push({ row: raw.rowNumber, column: c.header, reason: parsed.reason });
      }
      for (let j = 0; j < fixed.length; j++) values[columns.length + j] = fixed[j]!;
      out.push(problems ? { ok: false, row: raw.rowNumber, problems } : { ok: true, row: raw.rowNumber, values });
    }
    onProgress?.({ rowsRead, bytesRead });
    if (out.length) yield out;
  }
  if (!columns) throw new FileLevelError({ row: 0, column: '', reason: '文件为空或没有表头行' });
  onProgress?.({ rowsRead, bytesRead });
}
