// One database handle for the whole app: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.

import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type Migration,
  type MigrationProvider,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SqliteDialectConfig,
  type UnknownRow,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import * as m0001 from './migrations/0001-registry.js';
import * as m0002 from './migrations/0002-verification.js';
import * as m0003 from './migrations/0003-screening.js';
import * as m0004 from './migrations/0004-access.js';
import * as m0005 from './migrations/0005-auth.js';
import * as m0006 from './migrations/0006-enforcement.js';
import * as m0007 from './migrations/0007-tips-inspections.js';
import * as m0008 from './migrations/0008-rosters.js';
import type { Database } from './schema.js';

// Numbered migrations, in order. Each runs on both dialects.
const MIGRATIONS: Record<string, Migration> = {
  '0001-registry': m0001,
  '0002-verification': m0002,
  '0003-screening': m0003,
  '0004-access': m0004,
  '0005-auth': m0005,
  '0006-enforcement': m0006,
  '0007-tips-inspections': m0007,
  '0008-rosters': m0008,
};

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the database file (imports open their own connection to it). */
  sqlitePath: string | null;
  /** SQLite: the main connection. */
  sqlite: BetterSqlite3.Database | null;
  /** PostgreSQL: the pool (imports take a dedicated client from it). */
  pool: pg.Pool | null;
  /**
   * SQLite: a number that moves after every statement or commit of this process's own connection
   * (cheap to read; other connections' and processes' commits show in `PRAGMA data_version`).
   */
  localWrites?: () => number;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | null;
  dataDir: string;
  /** SQLite file name inside dataDir; ':memory:' is not supported (imports need a second connection). */
  sqliteFile?: string;
}

// SQLite writes are serialised; a writer waits this long for another's transaction (an import) to end.
export const SQLITE_BUSY_TIMEOUT_MS = 30_000;

export function openSqlite(path: string): BetterSqlite3.Database {
  const conn = new BetterSqlite3(path);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // A page cache large enough for bulk upserts into million-row indexes (the default is 2 MB).
  conn.pragma('cache_size = -131072');
  conn.pragma('temp_store = memory');
  return conn;
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN, waiting (busy_timeout) for
 * another writer to finish. A deferred transaction that read first and wrote later failed at once with
 * SQLITE_BUSY — no waiting is possible once it holds a read snapshot — whenever another connection
 * committed in between: the verification recorder (every 200 ms under public traffic), an import
 * worker, the CLI beside the server. Transactions on this connection are writes in practice; reads
 * that need a snapshot (screening) open their own connection.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    settings: SqliteDialectConfig,
    private readonly wrote: () => void,
  ) {
    super(settings);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      this.wrote();
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    private readonly wrote: () => void,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings, this.wrote);
  }
}

/**
 * Counts the statements run through the app's own SQLite connection, after they ran (reads too: it
 * costs nothing to over-count), and through the driver every commit: readers that cache what they read from *another*
 * connection (the verification answer cache) learn of this process's own writes at once, without
 * asking SQLite on every request (`Db.localWrites`).
 */
class LocalWriteCounter implements KyselyPlugin {
  count = 0;
  readonly bump = () => void this.count++;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

// Keep dates and numerics as the text and numbers we stored (not JS Dates, not strings for numerics).
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(701, (v) => Number(v)); // float8
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (counts)

export function createDb(options: DbOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      sqlitePath: null,
      sqlite: null,
      pool,
      close: () => kysely.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, options.sqliteFile ?? 'certguard.db');
  const sqlite = openSqlite(path);
  const writes = new LocalWriteCounter();
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }, writes.bump), plugins: [writes] });
  return {
    kysely,
    dialect: 'sqlite',
    sqlitePath: path,
    sqlite,
    pool: null,
    localWrites: () => writes.count,
    close: () => kysely.destroy(),
  };
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the schema up to date; every command calls this, so a fresh database needs no separate step. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function openDatabase(options: DbOptions): Promise<Db> {
  const db = createDb(options);
  await migrateToLatest(db);
  return db;
}
