// One way to read any accepted file: rows of raw cells with their row numbers in the file.

import { extname } from 'node:path';
import type { CellValue } from '../domain/dates.js';
import { readCsvRows } from './read-csv.js';
import { readXlsxRows } from './read-xlsx.js';

export interface RawRow {
  /** 1-based row (XLSX) or line (CSV) number where the record starts. */
  rowNumber: number;
  cells: CellValue[];
  /** Set when the record itself is malformed (an unclosed quote). */
  error?: string;
}

export type FileFormat = 'csv' | 'xlsx';

export function formatOf(fileName: string): FileFormat | null {
  const ext = extname(fileName).toLowerCase();
  return ext === '.csv' || ext === '.txt' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

/** A file's rows, in batches (one promise per batch, not per row). */
export function readRows(path: string, format: FileFormat, onBytes?: (bytesRead: number) => void): AsyncGenerator<RawRow[]> {
  return format === 'csv' ? readCsvRows(path, onBytes) : readXlsxRows(path, onBytes);
}
