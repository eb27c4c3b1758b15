// Importing files into the registry: each file whole or not at all, idempotent, streamed.

import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import type { KindName } from '../domain/records.js';
import { KIND_LABELS } from '../domain/records.js';
import { KINDS, kindFromFileName } from './kinds.js';
import { FileLevelError, parseFile } from './parse-file.js';
import { formatOf } from './read-rows.js';
import { emptyFileReport, MAX_LISTED_REJECTIONS, type FileReport, type ImportReport } from './report.js';
import { openWriter } from './write-rows.js';

export interface ImportInput {
  path: string;
  /** The name shown in the report (an upload's original name); defaults to the path's base name. */
  name?: string;
  /** The kind chosen by the user; otherwise it comes from the file name. */
  kind?: KindName | null;
}

export interface ImportProgress {
  fileIndex: number;
  fileCount: number;
  file: string | null;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
}

export async function importFile(db: Db, input: ImportInput, onProgress?: (rowsRead: number, bytesRead: number) => void): Promise<FileReport> {
  const name = input.name ?? basename(input.path);
  const kind = input.kind ?? kindFromFileName(name);
  const report = emptyFileReport(name, kind);
  const reject = (message: string) => {
    report.status = 'rejected';
    report.message = message;
    return report;
  };
  if (!kind) return reject(`无法从文件名“${name}”识别数据类型；请将文件命名为 ${Object.keys(KINDS).join('、')} 之一，或在导入时选择类型`);
  const format = formatOf(name);
  if (!format) return reject(`不支持的文件格式“${name}”：请上传 .csv 或 .xlsx 文件`);
  const spec = KINDS[kind];
  const writer = await openWriter(db, spec);
  let commit = false;
  try {
    for await (const batch of parseFile(input.path, format, spec, (p) => onProgress?.(p.rowsRead, p.bytesRead))) {
      report.read += batch.length;
      for (const r of batch) {
        if (r.ok) {
          if (report.rejectedCount === 0) await writer.write(r.values);
        } else {
          report.rejectedCount++;
          if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push(...r.problems);
        }
      }
    }
    commit = report.rejectedCount === 0;
  } catch (e) {
    if (!(e instanceof FileLevelError)) {
      await writer.finish(false);
      throw e;
    }
    report.rejected.push(e.rejection);
    report.rejectedCount++;
    report.message = e.message;
  }
  const counts = await writer.finish(commit);
  if (!commit) {
    report.status = 'rejected';
    report.message ??= `${KIND_LABELS[kind]}文件有 ${report.rejectedCount} 行无法识别，整个文件未导入；请修正后重新导入`;
    return report;
  }
  report.inserted = counts.inserted;
  report.updated = counts.updated;
  report.unchanged = report.read - counts.inserted - counts.updated;
  return report;
}

/** Import files one after another; each is its own transaction. */
export async function importFiles(db: Db, inputs: ImportInput[], options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { files: [] };
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const name = input.name ?? basename(input.path);
    const bytesTotal = statSync(input.path).size;
    const progress = (rowsRead: number, bytesRead: number) =>
      options.onProgress?.({ fileIndex: i, fileCount: inputs.length, file: name, rowsRead, bytesRead, bytesTotal });
    progress(0, 0);
    report.files.push(await importFile(db, input, progress));
    progress(report.files[i]!.read, bytesTotal);
  }
  return report;
}
