// The lookup's registry version: read from SQLite once per turn of the event loop, and again at once
// after this process's own connection wrote — so a console action shows in the very next answer.

import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { openVerificationLookup, type VerificationLookup } from './verification.repository.js';

let dir: string;
let db: Db;
let lookup: VerificationLookup;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certguard-lookup-version-'));
  db = await openDatabase({ dataDir: dir });
  lookup = openVerificationLookup(db);
});

afterAll(async () => {
  await lookup?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise((r) => setImmediate(r));
const meta = (value: string) => db.kysely.insertInto('app_meta').values({ key: `t-${value}`, value }).execute();

describe('VerificationLookup.version (SQLite)', () => {
  it("moves within the same turn when the app's own connection writes", async () => {
    const before = lookup.version();
    await meta('a'); // no turn of the event loop in between: only promise reactions
    expect(lookup.version()).not.toBe(before);
  });

  it("moves within the same turn when the app's own transaction commits", async () => {
    const before = lookup.version();
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('app_meta').values({ key: 't-trx', value: 'x' }).execute();
    });
    expect(lookup.version()).not.toBe(before);
  });

  it("shows another connection's commit from the next turn, and stays put without one", async () => {
    await turn();
    const before = lookup.version();
    const other = new BetterSqlite3(db.sqlitePath!);
    other.prepare("INSERT INTO app_meta (key, value) VALUES ('t-other', 'x')").run();
    other.close();
    await turn();
    const after = lookup.version();
    expect(after).not.toBe(before);
    await turn();
    expect(lookup.version()).toBe(after);
  });
});
