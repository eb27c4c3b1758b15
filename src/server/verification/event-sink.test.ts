// The embedded-SQLite event sink writes whole statements of 32 events and the rest one by one: every
// event arrives once, in order, with every field in its column, whatever the batch's length.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { openVerificationLookup, type VerificationEvent, type VerificationLookup } from './verification.repository.js';

let dir: string;
let db: Db;
let lookup: VerificationLookup;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certguard-event-sink-'));
  db = await openDatabase({ dataDir: dir });
  lookup = openVerificationLookup(db);
});

afterAll(async () => {
  await lookup?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (n: number): VerificationEvent => ({
  at: Date.UTC(2026, 10, 26, 8, 0, 0, n),
  channel: (['web', 'api', 'qr'] as const)[n % 3]!,
  query: `certNo=川建安A(2021)${1000000 + n}&name=张*`,
  result: n % 5 === 0 ? 'no_match' : 'valid',
  clientHash: `c${n}`,
  placeHash: `p${n % 7}`,
  certNo: n % 11 === 0 ? null : `川建安A(2021)${1000000 + n}`,
  source: n % 5 === 0 ? null : n % 2 ? '' : 'mem',
});

describe('SQLite verification event sink', () => {
  it.each([1, 31, 32, 33, 64, 70, 250])('writes a batch of %i events exactly', async (size) => {
    await db.kysely.deleteFrom('verification_events').execute();
    const events = Array.from({ length: size }, (_, n) => event(n));
    await lookup.events!.write(events);
    const rows = await db.kysely.selectFrom('verification_events').selectAll().orderBy('at').execute();
    expect(rows.map((r) => ({ at: r.at, channel: r.channel, query: r.query, result: r.result, client_hash: r.client_hash, place_hash: r.place_hash, cert_no: r.cert_no, source: r.source }))).toEqual(
      events.map((e) => ({
        at: new Date(e.at).toISOString(),
        channel: e.channel,
        query: e.query,
        result: e.result,
        client_hash: e.clientHash,
        place_hash: e.placeHash,
        cert_no: e.certNo,
        source: e.source,
      })),
    );
  });
});
