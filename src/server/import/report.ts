// The import report (issue #2's JSON shape), per file.

import type { KindName } from '../domain/records.js';
import type { Rejection } from './parse-file.js';

export interface FileReport {
  file: string;
  kind: KindName | null;
  /** imported: written whole; rejected: nothing of it was written (see rejected / message). */
  status: 'imported' | 'rejected';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** All rejected rows, including those beyond the listed ones. */
  rejectedCount: number;
  message: string | null;
  encoding?: string | null;
}

export interface ImportReport {
  files: FileReport[];
}

/** At most this many rejections are listed per file; rejectedCount still counts them all. */
export const MAX_LISTED_REJECTIONS = 1000;

export function emptyFileReport(file: string, kind: KindName | null): FileReport {
  return { file, kind, status: 'imported', read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, message: null };
}
