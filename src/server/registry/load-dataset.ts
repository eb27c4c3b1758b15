// The whole registry read into memory as plain records, for screening. Rows are read in batches
// (PostgreSQL: keyset pages, which it would otherwise buffer whole; SQLite: one streaming scan) and repeated strings (ID numbers, credit
// codes, months) are interned so that a person's ID is one string however many rows name it.

import type pg from 'pg';
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

/** Rows of a table as value arrays, batch by batch, with the column names. */
async function* tableBatches(db: Db, table: TableName): AsyncGenerator<{ columns: string[]; rows: unknown[][] }> {
  if (db.dialect === 'sqlite') {
    // One scan in storage order (an ORDER BY on the key would walk the index and fetch every row by
    // rowid: twice as slow); better-sqlite3 iterates without buffering, raw rows skip object building.
    const stmt = db.sqlite!.prepare(`SELECT * FROM ${q(table)}`).raw(true);
    const columns = stmt.columns().map((c) => c.name);
    let batch: unknown[][] = [];
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      batch.push(row);
      if (batch.length >= BATCH) {
        yield { columns, rows: batch };
        batch = [];
      }
    }
    if (batch.length) yield { columns, rows: batch };
    return;
  }
  const keys = KEYS[table];
  const order = keys.map(q).join(', ');
  const client = await db.pool!.connect();
  try {
    let after: unknown[] | null = null;
    for (;;) {
      const where: string = after ? `WHERE (${order}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const res: pg.QueryArrayResult = await client.query({ text: `SELECT * FROM ${q(table)} ${where} ORDER BY ${order} LIMIT ${BATCH}`, values: after ?? [], rowMode: 'array' });
      const columns: string[] = res.fields.map((f) => f.name);
      if (res.rows.length) yield { columns, rows: res.rows as unknown[][] };
      if (res.rows.length < BATCH) return;
      const last = res.rows[res.rows.length - 1] as unknown[];
      after = keys.map((k) => last[columns.indexOf(k)]);
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
    for await (const { columns, rows } of tableBatches(db, table)) {
      const interned = columns.map((c) => INTERNED.has(c));
      const passedAt = table === 'exams' ? columns.indexOf('passed') : -1;
      for (const values of rows) {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) {
          const v = values[i];
          row[columns[i]!] = interned[i] && typeof v === 'string' ? intern(v) : v;
        }
        if (passedAt >= 0) row.passed = Number(values[passedAt]) === 1;
        target.push(row);
      }
      onProgress?.({ table, rows: target.length });
    }
  }
  return dataset;
}
