// A dataset folder read into memory (no database): for screening a small dataset and for tests.
// Large datasets go through importFiles into a database instead.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, KindName } from '../domain/records.js';
import { KIND_NAMES } from '../domain/records.js';
import { KINDS, kindFromFileName } from './kinds.js';
import { FileLevelError, parseFile, recordOf } from './parse-file.js';
import { formatOf } from './read-rows.js';
import { emptyFileReport, MAX_LISTED_REJECTIONS, type ImportReport } from './report.js';
import type { Value } from './columns.js';

/** The dataset files in a folder, in contract order, with their kinds. */
export function datasetFiles(dir: string): Array<{ path: string; kind: KindName }> {
  const found: Array<{ path: string; kind: KindName }> = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = kindFromFileName(name);
    if (kind && formatOf(name)) found.push({ path: join(dir, name), kind });
  }
  return found.sort((a, b) => KIND_NAMES.indexOf(a.kind) - KIND_NAMES.indexOf(b.kind));
}

export function emptyDataset(): Dataset {
  return { enterprises: [], certificates: [], staffing: [], social_insurance: [], changes: [], training: [], exams: [] };
}

/** Read and normalise every file of a dataset folder. Rows with the same identity keep the last. */
export async function readDatasetFolder(dir: string): Promise<{ dataset: Dataset; report: ImportReport }> {
  const dataset = emptyDataset();
  const report: ImportReport = { files: [] };
  for (const { path, kind } of datasetFiles(dir)) {
    const spec = KINDS[kind];
    const fileReport = emptyFileReport(path, kind);
    report.files.push(fileReport);
    const byIdentity = new Map<string, Record<string, Value>>();
    try {
      for await (const batch of parseFile(path, formatOf(path)!, spec)) {
        for (const r of batch) {
          fileReport.read++;
          if (!r.ok) {
            fileReport.rejectedCount++;
            if (fileReport.rejected.length < MAX_LISTED_REJECTIONS) fileReport.rejected.push(...r.problems);
            continue;
          }
          const record = recordOf(spec, r.values);
          const key = spec.identity.map((k) => record[k]).join('\u0001');
          if (byIdentity.has(key)) fileReport.updated++;
          else fileReport.inserted++;
          byIdentity.set(key, record);
        }
      }
    } catch (e) {
      if (!(e instanceof FileLevelError)) throw e;
      fileReport.rejected.push(e.rejection);
      fileReport.rejectedCount++;
      fileReport.message = e.message;
    }
    if (fileReport.rejectedCount > 0) {
      fileReport.status = 'rejected';
      fileReport.inserted = fileReport.updated = 0;
      continue;
    }
    const target = dataset[spec.table] as unknown as Array<Record<string, Value>>;
    for (const rec of byIdentity.values()) {
      if (spec.table === 'exams') rec.passed = rec.passed === true || rec.passed === 1;
      target.push(rec);
    }
  }
  return { dataset, report };
}
