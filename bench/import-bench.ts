// Import throughput: 1M certificate rows from CSV through the real importer, against a raw
// better-sqlite3 bulk insert of the same rows into the same table, in the same run.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/server/db/database.js';
import { importFiles } from '../src/server/import/import-files.js';
import { certificateRow, writeCertificateCsv } from './fixtures.js';

const BIN = fileURLToPath(new URL('../bin/certguard.mjs', import.meta.url));

/** Run inside a child process (`certguard bench import-child FILE DIR`) so its peak memory is its own. */
export async function importChild(file: string, dataDir: string): Promise<void> {
  const db = await openDatabase({ dataDir });
  const t0 = performance.now();
  const report = await importFiles(db, [{ path: file }]);
  const ms = performance.now() - t0;
  await db.close();
  const f = report.files[0]!;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, inserted: f.inserted, status: f.status }) + '\n');
}

function runChild(file: string, dataDir: string): Promise<{ ms: number; maxRssMb: number; inserted: number; status: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=48', BIN, 'bench', 'import-child', file, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`import child exited ${code}`))));
  });
}

async function rawInsert(rows: number, dataDir: string): Promise<number> {
  const db = await openDatabase({ dataDir });
  const conn = db.sqlite!;
  const data: string[][] = new Array(rows);
  for (let i = 0; i < rows; i++) data[i] = certificateRow(i);
  const stmt = conn.prepare(
    'INSERT INTO certificates (cert_no, category, operation, name, id_no, employer_uscc, issuer, issued, expires, status, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  );
  const t0 = performance.now();
  conn.transaction(() => {
    for (const r of data) stmt.run(r[0], r[1], null, r[3], r[4], r[5], r[6], r[7], r[8], r[9], '');
  })();
  const ms = performance.now() - t0;
  await db.close();
  return ms;
}

export async function benchImport(rows = 1_000_000): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'certguard-bench-import-'));
  try {
    const file = join(dir, 'certificates.csv');
    await writeCertificateCsv(file, rows);
    const sizeMb = statSync(file).size / 1024 / 1024;
    const rawMs = await rawInsert(rows, join(dir, 'raw'));
    const ours = await runChild(file, join(dir, 'ours'));
    if (ours.status !== 'imported' || ours.inserted !== rows) throw new Error(`import bench: expected ${rows} rows imported, got ${JSON.stringify(ours)}`);
    const again = await runChild(file, join(dir, 'ours'));
    // Streaming: a file a quarter the size should need about the same memory.
    const quarterFile = join(dir, 'quarter', 'certificates.csv');
    mkdirSync(join(dir, 'quarter'));
    await writeCertificateCsv(quarterFile, Math.round(rows / 4));
    const quarter = await runChild(quarterFile, join(dir, 'quarter-data'));
    return {
      rows,
      'file MB': Number(sizeMb.toFixed(1)),
      'raw better-sqlite3 insert s': Number((rawMs / 1000).toFixed(2)),
      'certguard import s': Number((ours.ms / 1000).toFixed(2)),
      'rows/s': Math.round(rows / (ours.ms / 1000)),
      'throughput ratio (target ≥ 0.333)': Number((rawMs / ours.ms).toFixed(3)),
      'import peak RSS MB': Math.round(ours.maxRssMb),
      'import peak RSS MB, file 1/4 the size (flat = streaming)': Math.round(quarter.maxRssMb),
      're-import (all unchanged) s': Number((again.ms / 1000).toFixed(2)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
