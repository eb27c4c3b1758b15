// Writing one file's records in one transaction, idempotently: an upsert by the kind's row identity that
// leaves identical rows untouched. Counts come from the table's size before and after plus the rows the
// upserts changed: inserted = after − before, updated = changed − inserted.

import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { openSqlite, type Db } from '../db/database.js';
import type { Value } from './columns.js';
import { tableColumns, type KindSpec } from './kinds.js';

export interface RowWriter {
  /** One row's values in tableColumns(spec) order. */
  write(values: Value[]): Promise<void> | void;
  /** Commit (or roll back) and report the counts. */
  finish(commit: boolean): Promise<{ inserted: number; updated: number }>;
}

const q = (id: string) => `"${id}"`;

function upsertSql(spec: KindSpec, dialect: 'sqlite' | 'postgres', rows = 1): string {
  const cols = tableColumns(spec);
  const nonKey = cols.filter((c) => !spec.identity.includes(c));
  const distinct = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  let values: string;
  if (dialect === 'sqlite') values = `(${cols.map(() => '?').join(',')})`;
  else {
    const groups: string[] = [];
    for (let r = 0; r < rows; r++) groups.push(`(${cols.map((_, i) => `$${r * cols.length + i + 1}`).join(',')})`);
    values = groups.join(',');
  }
  return (
    `INSERT INTO ${q(spec.table)} (${cols.map(q).join(',')}) VALUES ${values} ` +
    `ON CONFLICT (${spec.identity.map(q).join(',')}) DO UPDATE SET ${nonKey.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')} ` +
    `WHERE ${nonKey.map((c) => `${q(spec.table)}.${q(c)} ${distinct} excluded.${q(c)}`).join(' OR ')}`
  );
}

function toDbValue(v: Value): string | number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** SQLite: a dedicated connection holding the write lock for the file's whole transaction. */
export function sqliteWriter(path: string, spec: KindSpec): RowWriter {
  const conn: BetterSqlite3.Database = openSqlite(path);
  const cols = tableColumns(spec);
  const count = conn.prepare(`SELECT count(*) AS n FROM ${q(spec.table)}`).pluck();
  conn.exec('BEGIN IMMEDIATE');
  const before = count.get() as number;
  const stmt = conn.prepare(upsertSql(spec, 'sqlite'));
  const row: Array<string | number | null> = new Array(cols.length);
  let changed = 0;
  return {
    write(values) {
      for (let i = 0; i < cols.length; i++) row[i] = toDbValue(values[i] ?? null);
      changed += stmt.run(row).changes;
    },
    async finish(commit) {
      try {
        if (!commit) {
          conn.exec('ROLLBACK');
          return { inserted: 0, updated: 0 };
        }
        const inserted = (count.get() as number) - before;
        conn.exec('COMMIT');
        return { inserted, updated: changed - inserted };
      } finally {
        conn.close();
      }
    },
  };
}

const PG_MAX_PARAMS = 60_000;

/** PostgreSQL: a dedicated client, multi-row upserts in batches, one transaction. */
export async function postgresWriter(pool: pg.Pool, spec: KindSpec): Promise<RowWriter> {
  const client = await pool.connect();
  const cols = tableColumns(spec);
  const batchRows = Math.min(1000, Math.floor(PG_MAX_PARAMS / cols.length));
  const fullSql = upsertSql(spec, 'postgres', batchRows);
  let before = 0;
  let changed = 0;
  let batch: Value[][] = [];
  const identityIdx = spec.identity.map((k) => cols.indexOf(k));
  // One statement may not touch a row twice, so a repeated identity starts a new batch.
  let keys = new Set<string>();
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${q(spec.table)} IN SHARE ROW EXCLUSIVE MODE`);
    before = Number((await client.query(`SELECT count(*) AS n FROM ${q(spec.table)}`)).rows[0].n);
  } catch (e) {
    client.release();
    throw e;
  }
  async function flush() {
    if (batch.length === 0) return;
    const params: Array<string | number | null> = [];
    for (const r of batch) for (let i = 0; i < cols.length; i++) params.push(toDbValue(r[i] ?? null));
    const res =
      batch.length === batchRows
        ? await client.query({ name: `import_${spec.table}_${batchRows}`, text: fullSql, values: params })
        : await client.query(upsertSql(spec, 'postgres', batch.length), params);
    changed += res.rowCount ?? 0;
    batch = [];
    keys = new Set();
  }
  let failed = false;
  return {
    async write(values) {
      const key = identityIdx.map((i) => values[i]).join('\u0001');
      if (keys.has(key)) await flush();
      keys.add(key);
      batch.push(values);
      if (batch.length >= batchRows) {
        try {
          await flush();
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    },
    async finish(commit) {
      try {
        if (!commit || failed) {
          await client.query('ROLLBACK');
          return { inserted: 0, updated: 0 };
        }
        await flush();
        const after = Number((await client.query(`SELECT count(*) AS n FROM ${q(spec.table)}`)).rows[0].n);
        await client.query('COMMIT');
        const inserted = after - before;
        return { inserted, updated: changed - inserted };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}

export async function openWriter(db: Db, spec: KindSpec): Promise<RowWriter> {
  if (db.dialect === 'sqlite') return sqliteWriter(db.sqlitePath!, spec);
  return postgresWriter(db.pool!, spec);
}
