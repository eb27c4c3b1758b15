// The import job's body, run in a worker thread (see jobs/worker-queue.ts).

import { createDb, type DbOptions } from '../db/database.js';
import { importFiles, type ImportInput, type ImportProgress } from '../import/import-files.js';
import type { ImportReport } from '../import/report.js';

export async function run(data: { dbOptions: DbOptions; inputs: ImportInput[] }, report: (p: ImportProgress) => void): Promise<ImportReport> {
  const db = createDb(data.dbOptions);
  try {
    let last = 0;
    return await importFiles(db, data.inputs, {
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < 250 && p.bytesRead < p.bytesTotal) return;
        last = now;
        report(p);
      },
    });
  } finally {
    await db.close();
  }
}
