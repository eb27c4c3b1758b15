// Test databases: a fresh SQLite file or a fresh PostgreSQL database per test file.
// PostgreSQL tests run wherever the server answers; in CI (CI=true) a missing server is a failure.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/server/db/database.js';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: boolean | null = null;

export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== null) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!pgAvailable) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} does not answer`);
    console.warn(`PostgreSQL at ${PG_ADMIN_URL} does not answer: PostgreSQL API tests are skipped on this machine.`);
  }
  return pgAvailable;
}

export type DialectName = 'sqlite' | 'postgres';

/** The dialects to run API tests on: SQLite always, PostgreSQL when it answers (always in CI). */
export async function testDialects(): Promise<DialectName[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb {
  db: Db;
  config: Config;
  dataDir: string;
  drop(): Promise<void>;
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function waitForNoBackends(dbName: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const r = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [dbName]);
      if (r.rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of the dialect, with a config pointing at it. */
export async function createTestDb(dialect: DialectName, env: Record<string, string> = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certguard-test-'));
  let databaseUrl: string | undefined;
  let dbName: string | null = null;
  if (dialect === 'postgres') {
    dbName = `cg_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = '/' + dbName;
    databaseUrl = u.toString();
  }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  return {
    db,
    config,
    dataDir,
    async drop() {
      await db.close();
      if (dbName) {
        // pg's pool.end() resolves before its clients' sockets have closed: a forced DROP at once
        // terminates backends still saying goodbye, and their clients raise 57P01 as an uncaught error.
        // Wait (up to 5 s) for the backends to go; FORCE then only ends connections really left behind.
        await waitForNoBackends(dbName);
        await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
