// The embedded-SQLite event file: its worker writes whole statements of 32 events and the rest one by
// one — every event arrives once, in order, with every field in its column, whatever the batch's
// length; events an earlier version left in the registry file are moved over; reads see the registry.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { openEventFile, type EventFile } from './event-file.js';
import { VerificationRecorder } from './recorder.js';
import { eventRow, type VerificationEvent } from './verification.repository.js';

let dir: string;
let db: Db;
let file: EventFile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certguard-event-file-'));
  db = await openDatabase({ dataDir: dir });
  file = openEventFile(db.sqlitePath!);
  await file.ready;
});

afterAll(async () => {
  await file?.sink.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Subjects and clients shared as the route shares them (a cached answer, a client's identity): their
// serialization, kept on them after the first batch, must not leak between events.
const subjects = Array.from({ length: 13 }, (_, n) => ({
  query: `certNo=川建安A(2021)${1000000 + n}&name=张*"\\`,
  result: n % 5 === 0 ? 'no_match' : 'valid',
  certNo: n % 11 === 0 ? null : `川建安A(2021)${1000000 + n}`,
  source: n % 5 === 0 ? null : n % 2 ? '' : 'mem',
}));
const clients = Array.from({ length: 7 }, (_, n) => ({ clientHash: `c${n}`, placeHash: `p${n % 3}` }));
const event = (n: number): VerificationEvent => ({
  at: Date.UTC(2026, 10, 26, 8, 0, 0, n),
  channel: (['web', 'api', 'qr'] as const)[n % 3]!,
  subject: subjects[n % subjects.length]!,
  client: clients[n % clients.length]!,
});

// The PostgreSQL sink's mapping: both stores hold the same row for an event.
const asRow = eventRow;

describe('SQLite verification event file', () => {
  it.each([1, 31, 32, 33, 64, 70, 250])('writes a batch of %i events exactly', async (size) => {
    await file.sink.prune('9999');
    const events = Array.from({ length: size }, (_, n) => event(n));
    await file.sink.write(events);
    const rows = await file.kysely.selectFrom('verification_events').selectAll().orderBy('at').execute();
    expect(rows.map((r) => ({ at: r.at, channel: r.channel, query: r.query, result: r.result, client_hash: r.client_hash, place_hash: r.place_hash, cert_no: r.cert_no, source: r.source }))).toEqual(
      events.map(asRow),
    );
    // Nothing was written to the registry file.
    expect(await db.kysely.selectFrom('verification_events').selectAll().execute()).toEqual([]);
  });

  it('prunes events before an instant', async () => {
    await file.sink.prune('9999');
    await file.sink.write([event(1), event(2), event(3)]);
    await file.sink.prune(new Date(event(2).at).toISOString());
    expect((await file.kysely.selectFrom('verification_events').select('at').execute()).map((r) => r.at)).toEqual([asRow(event(2)).at, asRow(event(3)).at]);
  });

  it('reads events together with the registry (jurisdiction conditions join certificates)', async () => {
    await file.sink.prune('9999');
    await db.kysely
      .insertInto('certificates')
      .values({ cert_no: '川建安A(2021)1000001', source: '', category: 'A', operation: null, name: '张三', id_no: '510104198001010011', employer_uscc: null, issuer: null, issued: '2021-01-01', expires: '2099-01-01', status: '有效' })
      .execute();
    await file.sink.write([event(1), event(2)]);
    const rows = await file.kysely
      .selectFrom('verification_events as e')
      .innerJoin('certificates as c', 'c.cert_no', 'e.cert_no')
      .select(['e.cert_no', 'c.name'])
      .execute();
    expect(rows).toEqual([{ cert_no: '川建安A(2021)1000001', name: '张三' }]);
  });

  it('moves events an earlier version recorded in the registry file into the side file, once', async () => {
    const old = [event(40), event(41)];
    await db.kysely.insertInto('verification_events').values(old.map(asRow)).execute();
    const again = openEventFile(db.sqlitePath!);
    await again.ready;
    expect(await db.kysely.selectFrom('verification_events').selectAll().execute()).toEqual([]);
    const moved = await again.kysely.selectFrom('verification_events').selectAll().where('at', 'in', old.map((e) => asRow(e).at)).orderBy('at').execute();
    expect(moved).toEqual(old.map(asRow));
    await again.sink.close();
  });

  it('starts the writer again when it stops unasked; the recorder keeps the events meanwhile and loses none', async () => {
    const errors: string[] = [];
    const again = openEventFile(db.sqlitePath!, (e) => errors.push(e.message), { restartDelayMs: 50 });
    await again.ready;
    await again.sink.prune('9999');
    const recorder = new VerificationRecorder(again.sink, { flushMs: 60_000, bufferMax: 1000, retentionDays: 30 });
    const events = Array.from({ length: 40 }, (_, n) => event(n));

    await again.writer()!.terminate(); // as a crash would
    await vi.waitFor(() => expect(again.writer()).toBeNull());
    for (const e of events.slice(0, 25)) recorder.record(e);
    await recorder.flush(); // no writer: the write fails, the events stay buffered
    expect(recorder.stats).toMatchObject({ written: 0, pending: 25, dropped: 0 });
    expect(recorder.stats.failures).toBeGreaterThan(0);
    expect(errors.some((m) => /verification event writer stopped .*starting it again/.test(m))).toBe(true);

    await vi.waitFor(() => expect(again.writer()).not.toBeNull(), { timeout: 5000 });
    expect(again.restarts).toBe(1);
    for (const e of events.slice(25)) recorder.record(e);
    await recorder.flush();
    expect(recorder.stats).toMatchObject({ written: 40, pending: 0, dropped: 0 });
    const rows = await again.kysely.selectFrom('verification_events').selectAll().orderBy('at').execute();
    expect(rows).toEqual(events.map(asRow));
    await recorder.close();
    expect(again.writer()).toBeNull(); // closed when asked: not started again
    await new Promise((r) => setTimeout(r, 120));
    expect(again.writer()).toBeNull();
  });
});
