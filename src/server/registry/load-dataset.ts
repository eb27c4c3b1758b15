// The whole registry read into memory as plain records, for screening. Rows are read in batches
// (PostgreSQL: keyset pages, which it would otherwise buffer whole; SQLite: one streaming scan) and repeated strings (ID numbers, credit
// codes, months) are interned so that a person's ID is one string however many rows name it.

import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../db/database.js';
import { runInWorker } from '../jobs/worker-queue.js';
import { CopyTextReader, type FieldKinds } from './copy-text.js';
import type { Dataset } from '../domain/records.js';
import { emptyDataset } from '../import/read-dataset.js';
import type { RowSource } from '../screening/engine.js';
import { categoryCodeSql, NO_DAY, TABLE_NAMES, TablesBuilder, VALID_STATUS, type ScreeningTables, type TableName } from '../screening/tables.js';

const BATCH = 50_000;


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

// ---------------------------------------------------------------------------------------------------
// The fast path for screening (decision 015): the registry read straight into the engine's typed
// columns (screening/tables.ts), with no row objects. Only the fields the rules need are selected, and
// the database turns dates into day numbers, times into seconds and categories / statuses into small
// codes, so what crosses into JavaScript is mostly numbers plus the identifiers to intern. Each row's
// storage key (SQLite rowid, PostgreSQL ctid) is kept so that the few rows behind hits can be fetched
// once the rules ran. Everything is read inside one snapshot (SQLite: a read transaction on its own
// read-only connection; PostgreSQL: a REPEATABLE READ READ ONLY transaction), so the rows fetched later
// are the rows the rules saw, even while an import runs. Rows come in the same order as loadDataset's,
// so hits, reasons and evidence are the same.

export interface ScreeningLoadOptions {
  /** Months (`YYYY-MM`, both included) of social insurance the rules will read; other rows are left unread. */
  insuranceMonths?: { from: string; to: string };
  onProgress?: (p: LoadProgress) => void;
  /** Read about half the rows (changes, training, exams) in a worker thread (default true). */
  parallel?: boolean;
}

export interface LoadedRegistry {
  tables: ScreeningTables;
  rows: RowSource;
  /** Rows read into the columns. */
  rowCount: number;
  /** Ends the snapshot; the rows source is unusable afterwards. */
  close(): Promise<void>;
}

type Dialect = Db['dialect'];
type Value = string | number | null;

interface TableSpec {
  table: TableName;
  /** Selected expressions after the storage key. */
  select: (d: Dialect) => string[];
  window?: boolean;
  add: (b: TablesBuilder, v: Value[]) => void;
}

const dayExpr = (d: Dialect, c: string) => (d === 'sqlite' ? `CAST(julianday(${c}) - 2440587.5 AS INTEGER)` : `(left(${c}, 10)::date - DATE '1970-01-01')`);
// date_part gives the float8 directly (extract goes through numeric: twice the server's time, same value).
const secondExpr = (d: Dialect, c: string) => (d === 'sqlite' ? `unixepoch(${c})` : `date_part('epoch', ${c}::timestamp)`);
const optionalDay = (d: Dialect, c: string) => `CASE WHEN ${c} IS NULL OR ${c} = '' THEN NULL ELSE ${dayExpr(d, c)} END`;
const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const VALID = `'${VALID_STATUS}'`;
const str = (v: Value | undefined) => v as string;
const num = (v: Value | undefined) => v as number;
const orNoDay = (v: Value | undefined) => (v === null || v === undefined ? NO_DAY : Number(v));

const SPECS: TableSpec[] = [
  {
    table: 'enterprises',
    select: (d) => ['uscc', flag(`license_no IS NOT NULL AND license_no <> ''`), optionalDay(d, 'license_expires'), flag(`license_status = ${VALID}`)],
    add: (b, v) => b.enterprise(str(v[1]), v[2] === 1, orNoDay(v[3]), v[4] === 1),
  },
  {
    table: 'certificates',
    select: (d) => ['id_no', 'cert_no', 'employer_uscc', dayExpr(d, 'issued'), dayExpr(d, 'expires'), categoryCodeSql('category'), flag(`source = ''`), flag(`status = ${VALID}`)],
    add: (b, v) => b.certificate(str(v[1]), str(v[2]), v[3] as string | null, num(v[4]), num(v[5]), num(v[6]), v[7] === 1, v[8] === 1),
  },
  {
    table: 'staffing',
    select: (d) => ['id_no', 'cert_no', 'contractor_uscc', 'project_no', dayExpr(d, 'start'), optionalDay(d, '"end"')],
    add: (b, v) => b.staff(str(v[1]), str(v[2]), str(v[3]), str(v[4]), num(v[5]), orNoDay(v[6])),
  },
  {
    table: 'social_insurance',
    select: (d) => ['id_no', 'employer_uscc', d === 'sqlite' ? `CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1` : `substr(month, 1, 4)::int * 12 + substr(month, 6, 2)::int - 1`],
    window: true,
    add: (b, v) => b.insured(str(v[1]), str(v[2]), num(v[3])),
  },
  {
    table: 'changes',
    select: (d) => ['id_no', 'to_uscc', dayExpr(d, 'date')],
    add: (b, v) => b.change(str(v[1]), v[2] as string | null, num(v[3])),
  },
  {
    table: 'training',
    select: (d) => ['id_no', 'class_no', categoryCodeSql('category'), secondExpr(d, 'start'), secondExpr(d, '"end"'), 'hours'],
    add: (b, v) => b.session(str(v[1]), str(v[2]), num(v[3]), num(v[4]), num(v[5]), num(v[6])),
  },
  {
    table: 'exams',
    select: (d) => ['id_no', 'sitting_no', categoryCodeSql('category'), flag('passed = 1'), 'answers_hash', secondExpr(d, 'start'), secondExpr(d, 'submitted')],
    add: (b, v) => b.exam(str(v[1]), str(v[2]), num(v[3]), v[4] === 1, v[5] as string | null, num(v[6]), num(v[7])),
  },
];

/** A stored row as loadDataset gives it: columns in table order, `passed` a boolean. */
function rowObject(table: TableName, columns: readonly string[], values: readonly unknown[], from = 0): unknown {
  const row: Record<string, unknown> = {};
  for (let i = from; i < values.length; i++) row[columns[i]!] = values[i];
  if (table === 'exams') row.passed = Number(row.passed) === 1;
  return row;
}

export async function loadScreeningTables(db: Db, options: ScreeningLoadOptions = {}): Promise<LoadedRegistry> {
  return db.dialect === 'sqlite' ? loadFromSqlite(db, options) : loadFromPostgres(db, options);
}

/** Tables a worker thread reads while the main thread reads the others (about half the rows each). */
const WORKER_TABLES: readonly TableName[] = ['changes', 'training', 'exams'];

/** Reads tables of a SQLite snapshot into the builder, keeping each row's rowid. */
function readSqliteTables(conn: BetterSqlite3.Database, tables: readonly TableName[], builder: TablesBuilder, options: ScreeningLoadOptions): Record<TableName, number[]> {
  const keys = {} as Record<TableName, number[]>;
  for (const spec of SPECS) {
    if (!tables.includes(spec.table)) continue;
    // One scan in storage (rowid) order, iterated: rows die young, which keeps the collector cheap
    // (batches of .all() rows survive scavenges and were slower). ORDER BY rowid keeps SQLite off a
    // covering index, whose order would differ from loadDataset's.
    const where = spec.window && options.insuranceMonths ? ` WHERE month >= @from AND month <= @to` : '';
    const stmt = conn.prepare(`SELECT rowid, ${spec.select('sqlite').join(', ')} FROM ${q(spec.table)}${where} ORDER BY rowid`).raw(true);
    const tableKeys: number[] = (keys[spec.table] = []);
    const iterator = (where ? stmt.iterate(options.insuranceMonths) : stmt.iterate()) as Iterable<Value[]>;
    for (const v of iterator) {
      tableKeys.push(v[0] as number);
      spec.add(builder, v);
      if (tableKeys.length % BATCH === 0) options.onProgress?.({ table: spec.table, rows: tableKeys.length });
    }
    options.onProgress?.({ table: spec.table, rows: tableKeys.length });
  }
  return keys;
}

function openReader(path: string): BetterSqlite3.Database {
  const conn = new BetterSqlite3(path, { readonly: true });
  conn.pragma('cache_size = -131072');
  return conn;
}

const expectedRows = (conn: BetterSqlite3.Database) =>
  Object.fromEntries(TABLE_NAMES.map((t) => [t, (conn.prepare(`SELECT max(rowid) FROM ${q(t)}`).pluck().get() as number | null) ?? 0]));

export interface PartData {
  /** SQLite: the database file. */
  sqlitePath?: string;
  /** PostgreSQL: where, and the snapshot exported by the main thread's transaction. */
  databaseUrl?: string;
  snapshot?: string;
  tables: TableName[];
  insuranceMonths?: { from: string; to: string };
}

export interface PartResult {
  columns: Partial<ScreeningTables>;
  keys: Partial<Record<TableName, Float64Array>>;
  persons: string[];
  orgs: string[];
}

/** Worker-thread entry (jobs/worker-queue runInWorker): some tables of a SQLite file, with interners of their own. */
export async function run(data: PartData): Promise<PartResult> {
  let builder: TablesBuilder;
  let keys: Record<TableName, number[]>;
  if (data.sqlitePath) {
    const conn = openReader(data.sqlitePath);
    try {
      builder = new TablesBuilder(expectedRows(conn));
      conn.exec('BEGIN');
      keys = readSqliteTables(conn, data.tables, builder, { insuranceMonths: data.insuranceMonths });
      conn.exec('COMMIT');
    } finally {
      conn.close();
    }
  } else {
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({ connectionString: data.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET TRANSACTION SNAPSHOT '${data.snapshot!.replace(/'/g, "''")}'`);
      builder = new TablesBuilder();
      keys = await readPgTables(client, data.tables, builder, { insuranceMonths: data.insuranceMonths });
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }
  const all = builder.finish();
  const columns: Partial<Record<keyof ScreeningTables, unknown>> = {};
  for (const t of data.tables) columns[t] = all[t];
  for (const k of ['classes', 'sittings', 'answerHashes'] as const) columns[k] = all[k].keys;
  return {
    columns: columns as Partial<ScreeningTables>,
    keys: Object.fromEntries(data.tables.map((t) => [t, Float64Array.from(keys[t]!)])),
    persons: all.persons.keys,
    orgs: all.orgs.keys,
  };
}

/** Renumbers a worker's person / org ids into the builder's (interning in the worker's first-seen order keeps ids as a sequential load gives them). */
function adoptPart(builder: TablesBuilder, part: PartResult, keys: Record<TableName, number[]>): void {
  const persons = Int32Array.from(part.persons, (s) => builder.persons.intern(s));
  const orgs = Int32Array.from(part.orgs, (s) => builder.orgs.intern(s));
  const remap = (col: Int32Array, map: Int32Array) => {
    for (let i = 0; i < col.length; i++) if (col[i]! >= 0) col[i] = map[col[i]!]!;
  };
  const c = part.columns as ScreeningTables & Record<'classes' | 'sittings' | 'answerHashes', unknown>;
  for (const k of ['classes', 'sittings', 'answerHashes'] as const) for (const s of c[k] as unknown as string[]) builder[k].intern(s);
  if (c.changes) {
    remap(c.changes.person, persons);
    remap(c.changes.to, orgs);
    builder.changes.adopt(c.changes);
  }
  if (c.training) {
    remap(c.training.person, persons);
    builder.training.adopt(c.training);
  }
  if (c.exams) {
    remap(c.exams.person, persons);
    builder.exams.adopt(c.exams);
  }
  for (const [t, k] of Object.entries(part.keys)) keys[t as TableName] = Array.from(k);
}

async function loadFromSqlite(db: Db, options: ScreeningLoadOptions): Promise<LoadedRegistry> {
  const path = db.sqlitePath!;
  for (let attempt = 0; ; attempt++) {
    // The worker reads in a snapshot of its own: when a commit lands while both read, read again
    // (the second time in this thread alone, in one snapshot).
    const parallel = attempt === 0 && options.parallel !== false;
    const watcher = openReader(path);
    const conn = openReader(path);
    try {
      const version = watcher.pragma('data_version', { simple: true });
      conn.exec('BEGIN');
      const builder = new TablesBuilder(expectedRows(conn));
      const part = parallel
        ? runInWorker<PartResult>({ module: new URL(import.meta.url), data: { sqlitePath: path, tables: [...WORKER_TABLES], insuranceMonths: options.insuranceMonths } satisfies PartData })
        : null;
      part?.catch(() => undefined);
      const keys = readSqliteTables(conn, parallel ? TABLE_NAMES.filter((t) => !WORKER_TABLES.includes(t)) : TABLE_NAMES, builder, options);
      if (part) adoptPart(builder, await part, keys);
      if (parallel && watcher.pragma('data_version', { simple: true }) !== version) {
        conn.close();
        continue;
      }
      const rowCount = TABLE_NAMES.reduce((n, t) => n + keys[t]!.length, 0);
      const fetchStatements = new Map<TableName, BetterSqlite3.Statement>();
      const rows: RowSource = {
        fetch: async (table, positions) => {
          let stmt = fetchStatements.get(table);
          if (!stmt) fetchStatements.set(table, (stmt = conn.prepare(`SELECT * FROM ${q(table)} WHERE rowid = ?`).raw(true)));
          const columns = stmt.columns().map((c) => c.name);
          return positions.map((p) => rowObject(table, columns, stmt.get(keys[table][p]) as unknown[])) as never;
        },
      };
      return {
        tables: builder.finish(),
        rows,
        rowCount,
        close: async () => {
          if (conn.inTransaction) conn.exec('COMMIT');
          conn.close();
        },
      };
    } catch (e) {
      if (conn.open) conn.close();
      throw e;
    } finally {
      watcher.close();
    }
  }
}

const PG_ORDER = (t: TableName) => KEYS[t].map(q).join(', ');
// The storage key of a row: its ctid (block, offset) as one number.
const CTID_KEY = `((ctid::text::point)[0]::int8 * 65536 + (ctid::text::point)[1]::int8)`;

/** What the fields after the ctid of each table's COPY rows are (SPECS' selections): `n` numbers, `s` strings to intern. */
const COPY_KINDS: Record<TableName, FieldKinds> = {
  enterprises: 'snnn',
  certificates: 'sssnnnnn',
  staffing: 'ssssnn',
  social_insurance: 'ssn',
  changes: 'ssn',
  training: 'ssnnnn',
  exams: 'ssnnsnn',
};

/**
 * Reads tables into the builder in the client's open transaction, keeping each row's ctid: one
 * `COPY (SELECT …) TO STDOUT` per table, parsed from the bytes (registry/copy-text.ts) — no row
 * objects, no strings for numbers — while the server streams on.
 */
async function readPgTables(client: pg.ClientBase, tables: readonly TableName[], builder: TablesBuilder, options: ScreeningLoadOptions): Promise<Record<TableName, number[]>> {
  const keys = {} as Record<TableName, number[]>;
  for (const spec of SPECS) {
    if (!tables.includes(spec.table)) continue;
    const months = spec.window ? options.insuranceMonths : undefined;
    const where = months ? ` WHERE month COLLATE "C" >= ${client.escapeLiteral(months.from)} AND month COLLATE "C" <= ${client.escapeLiteral(months.to)}` : '';
    const sql = `SELECT ctid, ${spec.select('postgres').join(', ')} FROM ${q(spec.table)}${where} ORDER BY ${PG_ORDER(spec.table)}`;
    const tableKeys: number[] = (keys[spec.table] = []);
    const reader = new CopyTextReader(COPY_KINDS[spec.table], (key, v) => {
      tableKeys.push(key);
      spec.add(builder, v);
    });
    const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
    await new Promise<void>((resolve, reject) => {
      let reported = 0;
      // A row that cannot be read fails the load once the COPY ended, so the connection stays usable.
      let failure: unknown = null;
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        try {
          reader.push(chunk);
        } catch (e) {
          failure = e;
          return;
        }
        if (reader.rows - reported >= BATCH) options.onProgress?.({ table: spec.table, rows: (reported = reader.rows) });
      });
      stream.on('error', reject);
      stream.on('end', () => {
        try {
          if (failure) throw failure;
          reader.end();
          resolve();
        } catch (e) {
          reject(e as Error);
        }
      });
    });
    options.onProgress?.({ table: spec.table, rows: tableKeys.length });
  }
  return keys;
}

async function loadFromPostgres(db: Db, options: ScreeningLoadOptions): Promise<LoadedRegistry> {
  const client = await db.pool!.connect();
  let open = true;
  const end = async () => {
    if (!open) return;
    open = false;
    try {
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The worker thread reads its tables in this very snapshot.
    const snapshot = ((await client.query('SELECT pg_export_snapshot() AS s')).rows[0] as { s: string }).s;
    const databaseUrl = db.pool!.options.connectionString;
    const parallel = options.parallel !== false && typeof databaseUrl === 'string';
    const part = parallel
      ? runInWorker<PartResult>({ module: new URL(import.meta.url), data: { databaseUrl, snapshot, tables: [...WORKER_TABLES], insuranceMonths: options.insuranceMonths } satisfies PartData })
      : null;
    part?.catch(() => undefined);
    const builder = new TablesBuilder();
    const keys = await readPgTables(client, parallel ? TABLE_NAMES.filter((t) => !WORKER_TABLES.includes(t)) : TABLE_NAMES, builder, options);
    if (part) adoptPart(builder, await part, keys);
    const rowCount = TABLE_NAMES.reduce((n, t) => n + keys[t]!.length, 0);
    const rows: RowSource = {
      fetch: async (table, positions) => {
        const out: unknown[] = [];
        for (let from = 0; from < positions.length; from += BATCH) {
          const wanted = positions.slice(from, from + BATCH).map((p) => keys[table][p]!);
          const tids = wanted.map((k) => `(${Math.floor(k / 65536)},${k % 65536})`);
          const res: pg.QueryArrayResult = await client.query({ text: `SELECT ${CTID_KEY}, * FROM ${q(table)} WHERE ctid = ANY($1::tid[])`, values: [tids], rowMode: 'array' });
          const columns = res.fields.map((f) => f.name);
          const byKey = new Map<number, unknown>();
          for (const v of res.rows as unknown[][]) byKey.set(Number(v[0]), rowObject(table, columns, v, 1));
          for (const k of wanted) out.push(byKey.get(k));
        }
        return out as never;
      },
    };
    return { tables: builder.finish(), rows, rowCount, close: end };
  } catch (e) {
    await end();
    throw e;
  }
}
