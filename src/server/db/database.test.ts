// SQLite transactions take the write lock when they begin. A transaction that read first and wrote
// later failed at once (SQLITE_BUSY, no waiting) whenever another connection — the verification
// recorder, an import worker, the CLI beside the server — committed in between: a console action
// answered 500 under public traffic.

import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';

let dir: string;
let db: Db;
let other: BetterSqlite3.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certguard-db-'));
  db = await openDatabase({ dataDir: dir });
  other = new BetterSqlite3(db.sqlitePath!);
  other.pragma('busy_timeout = 0');
});

afterAll(async () => {
  other?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite transactions', () => {
  it('hold the write lock from their first statement, so a read-then-write cannot be overtaken', async () => {
    let otherWrite: unknown = null;
    await db.kysely.transaction().execute(async (trx) => {
      await trx.selectFrom('app_meta').selectAll().execute();
      // Another connection tries to commit between this transaction's read and its write.
      try {
        other.prepare("INSERT INTO app_meta (key, value) VALUES ('other', 'x')").run();
      } catch (e) {
        otherWrite = e;
      }
      await trx.insertInto('app_meta').values({ key: 'mine', value: 'y' }).execute();
    });
    // The other writer waited its turn (here: gave up at once, busy_timeout 0) instead of breaking ours.
    expect((otherWrite as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
    const keys = (await db.kysely.selectFrom('app_meta').select('key').where('key', 'in', ['mine', 'other']).execute()).map((r) => r.key);
    expect(keys).toEqual(['mine']);
  });
});
