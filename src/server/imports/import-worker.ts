// Runs one import job off the main thread: on SQLite the import holds the write lock for each file's
// transaction, and the server's own writes must be able to wait for it without freezing the event loop.

import { parentPort, workerData } from 'node:worker_threads';
import { createDb, type DbOptions } from '../db/database.js';
import { importFiles, type ImportInput } from '../import/import-files.js';

interface Data {
  dbOptions: DbOptions;
  inputs: ImportInput[];
}

const { dbOptions, inputs } = workerData as Data;
const db = createDb(dbOptions);
try {
  let last = 0;
  const report = await importFiles(db, inputs, {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 250 && p.bytesRead < p.bytesTotal) return;
      last = now;
      parentPort!.postMessage({ type: 'progress', progress: p });
    },
  });
  parentPort!.postMessage({ type: 'done', report });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
}
