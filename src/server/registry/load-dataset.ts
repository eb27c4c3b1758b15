// The whole registry read into memory as plain records, for screening. Rows are read in keyset-paged
// batches (PostgreSQL would otherwise buffer a whole table) and repeated strings (ID numbers, credit
// codes, months) are interned so that a person's ID is one string however many rows name it.

import type { Db } from '../db/database.js';
import type { Dataset } from '../domain/records.js';
import { emptyDataset } from '../import/read-dataset.js';

const BATCH = 50_000;

type TableName = 'enterprises' | 'certificates' | 'staffing' | 'social_insurance' | 'changes' | 'training' | 'exams';

const KEYS: Record<TableName, string[]> = {
  enterprises: ['uscc'],
  certificates: ['cert_no', 'source'],
  staffing: ['project_no', 'id_no', 'cert_no', 'start'],
  social_insurance: ['id_no', 'employer_uscc', 'month'],
  changes: ['cert_no', 'date', 'to_uscc'],
  training: ['class_no', 'id_no', 'start'],
  exams: ['sitting_no', 'id_no'],
};

const INTERNED = new Set(['id_no', 'uscc', 'employer_uscc', 'contractor_uscc', 'from_uscc', 'to_uscc', 'institution_uscc', 'month', 'category', 'status', 'role', 'source', 'issuer', 'project_no', 'project_region', 'class_no', 'sitting_no', 'site_no', 'license_status', 'name']);

export interface LoadProgress {
  table: TableName;
  rows: number;
}

const q = (id: string) => `"${id}"`;

/** Rows of a table in primary-key order, batch by batch. */
async function* tableBatches(db: Db, table: TableName): AsyncGenerator<Record<string, unknown>[]> {
  const keys = KEYS[table];
  const order = keys.map(q).join(', ');
  if (db.dialect === 'sqlite') {
    // One ordered scan; better-sqlite3 iterates without buffering.
    const stmt = db.sqlite!.prepare(`SELECT * FROM ${q(table)} ORDER BY ${order}`);
    let batch: Record<string, unknown>[] = [];
    for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
      batch.push(row);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  const client = await db.pool!.connect();
  try {
    let after: unknown[] | null = null;
    for (;;) {
      const where = after ? `WHERE (${order}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const res = await client.query(`SELECT * FROM ${q(table)} ${where} ORDER BY ${order} LIMIT ${BATCH}`, after ?? []);
      if (res.rows.length) yield res.rows;
      if (res.rows.length < BATCH) return;
      const last = res.rows[res.rows.length - 1] as Record<string, unknown>;
      after = keys.map((k) => last[k]);
    }
  } finally {
    client.release();
  }
}

export async function loadDataset(db: Db, onProgress?: (p: LoadProgress) => void): Promise<Dataset> {
  const dataset = emptyDataset();
  const pool = new Map<string, string>();
  const intern = (s: string) => {
    const found = pool.get(s);
    if (found !== undefined) return found;
    pool.set(s, s);
    return s;
  };
  for (const table of Object.keys(KEYS) as TableName[]) {
    const target = dataset[table] as unknown as Record<string, unknown>[];
    for await (const batch of tableBatches(db, table)) {
      for (const row of batch) {
        for (const k in row) {
          const v = row[k];
          if (typeof v === 'string' && INTERNED.has(k)) row[k] = intern(v);
        }
        if (table === 'exams') row.passed = Number(row.passed) === 1;
        target.push(row);
      }
      onProgress?.({ table, rows: target.length });
    }
  }
  return dataset;
}
