// The lookup's registry version: read from SQLite at most once a millisecond, and again at once
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
/** Longer than the version's freshness (a millisecond). */
const later = () => new Promise((r) => setTimeout(r, 5));
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

  it("shows another connection's commit within a millisecond, and stays put without one", async () => {
    await later();
    const before = lookup.version();
    const other = new BetterSqlite3(db.sqlitePath!);
    other.prepare("INSERT INTO app_meta (key, value) VALUES ('t-other', 'x')").run();
    other.close();
    await later();
    const after = lookup.version();
    expect(after).not.toBe(before);
    await later();
    expect(lookup.version()).toBe(after);
  });

  it('reads SQLite at most once a millisecond while nothing of its own was written', async () => {
    await later();
    const before = lookup.version();
    const other = new BetterSqlite3(db.sqlitePath!);
    other.prepare("INSERT INTO app_meta (key, value) VALUES ('t-other-2', 'x')").run();
    other.close();
    // Without a timer's turn in between, the version read before the other commit still holds (no
    // read per request)…
    expect(lookup.version()).toBe(before);
    await later();
    // …and after it the commit shows.
    expect(lookup.version()).not.toBe(before);
  });
});
