// Embedded SQLite: verification events live in a side file, `verification-events.db` beside the
// registry, written by a worker thread. Two reasons (decision 020):
// - Writing them cost the event loop ~5 µs per public request (SQLite inserts, plus a checkpoint of
//   tens of ms now and then); the handler now only packs the batch, the worker inserts it.
// - Commits to the registry file by any other connection empty the lookup connection's page cache and
//   move its `data_version`, which empties the answer cache. Events written to another file touch
//   neither, so the answer cache follows registry changes only.
// Officials' queries (signals, event lists) read the side file through a connection that ATTACHes the
// registry, so jurisdiction conditions on certificates and enterprises work unchanged. Events recorded
// in the registry file by an earlier version are moved into the side file once, by the worker.

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from '../db/schema.js';
import { BusyError, type EventClient, type EventSink, type EventSubject, type VerificationEvent } from './verification.repository.js';

export const EVENTS_FILE = 'verification-events.db';

// The columns of migration 0002's verification_events, in the side file.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS verification_events (at TEXT NOT NULL, channel TEXT NOT NULL, query TEXT NOT NULL, result TEXT NOT NULL,
  client_hash TEXT NOT NULL, place_hash TEXT NOT NULL, cert_no TEXT, source TEXT);
CREATE INDEX IF NOT EXISTS verification_events_at ON verification_events (at);`;

const FIELDS = 8;
/** The order of an event's values in a packed batch. */
const COLUMNS = 'at, channel, query, result, cert_no, source, client_hash, place_hash';
/** The writer thread's niceness (0 normal, 19 lowest): it yields a shared core to request handling. */
const WRITER_NICE = 10;
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain CommonJS, so the worker needs no TypeScript loader. Batches arrive as one JSON array of
// FIELDS values per event (one string to copy between threads, not an object per event), in the
// order of COLUMNS.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Background work: below the threads that answer requests when they compete for a core (Linux: the
// priority of this thread alone; elsewhere, or without permission, nothing changes).
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) require('node:os').setPriority(tid, workerData.nice);
} catch {}
const FIELDS = ${FIELDS}, PER_STATEMENT = 32;
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const INSERT = 'INSERT INTO verification_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const one = db.prepare(INSERT);
const many = db.prepare(INSERT + ', (?, ?, ?, ?, ?, ?, ?, ?)'.repeat(PER_STATEMENT - 1));
const prune = db.prepare('DELETE FROM verification_events WHERE at < ?');
const write = db.transaction((v) => {
  for (let i = 0; i < v.length; i += FIELDS) v[i] = new Date(v[i]).toISOString();
  let i = 0;
  const step = FIELDS * PER_STATEMENT;
  for (; i + step <= v.length; i += step) many.run(v.slice(i, i + step));
  for (; i < v.length; i += FIELDS) one.run(v.slice(i, i + FIELDS));
});
function moveOldEvents() {
  // Events an earlier version recorded in the registry file: moved here once (both files in one transaction).
  db.prepare('ATTACH DATABASE ? AS reg').run(workerData.registryPath);
  try {
    const has = db.prepare("SELECT count(*) AS n FROM reg.sqlite_master WHERE type = 'table' AND name = 'verification_events'").get().n;
    if (has && db.prepare('SELECT EXISTS (SELECT 1 FROM reg.verification_events) AS e').get().e) {
      db.transaction(() => {
        db.exec('INSERT INTO main.verification_events (at, channel, query, result, client_hash, place_hash, cert_no, source) SELECT at, channel, query, result, client_hash, place_hash, cert_no, source FROM reg.verification_events');
        db.exec('DELETE FROM reg.verification_events');
      }).immediate();
    }
  } finally {
    db.exec('DETACH DATABASE reg');
  }
}
let moveError = null;
try {
  moveOldEvents();
} catch (e) {
  moveError = String(e && e.message || e);
}
parentPort.postMessage({ type: 'ready', moveError });
parentPort.on('message', (m) => {
  if (m.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    if (m.type === 'write') write.immediate(JSON.parse(m.data));
    else if (m.type === 'prune') prune.run(m.before);
    parentPort.postMessage({ type: 'done', id: m.id });
  } catch (e) {
    parentPort.postMessage({ type: 'done', id: m.id, error: String(e && e.message || e), busy: !!e && e.code === 'SQLITE_BUSY' });
  }
});
`;

/**
 * A batch as the worker reads it: one JSON array of FIELDS values per event, in the order of COLUMNS
 * (`at` as epoch ms; the worker writes it as ISO). The subject's and the client's values are
 * serialized once per object and kept on it: repeated queries share their cached answer and a
 * client its identity, so an event mostly costs a few concatenations (decision 020).
 */
export function packEvents(events: VerificationEvent[]): string {
  const parts = new Array<string>(events.length);
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    parts[k] = `${e.at},${JSON.stringify(e.channel)},${e.subject.packed ?? packSubject(e.subject)},${e.client.packed ?? packClient(e.client)}`;
  }
  return `[${parts.join(',')}]`;
}

function packSubject(s: EventSubject): string {
  return (s.packed = JSON.stringify([s.query, s.result, s.certNo, s.source]).slice(1, -1));
}

function packClient(c: EventClient): string {
  return (c.packed = JSON.stringify([c.clientHash, c.placeHash]).slice(1, -1));
}

export interface EventFile {
  /** Where the recorder writes (through the worker). */
  sink: EventSink;
  /** Reads of the events, with the registry attached (signals, event lists, tests). */
  kysely: Kysely<Database>;
  /** Resolves when the worker has started (and moved any events left in the registry file). */
  ready: Promise<void>;
  /** The writer thread now running (null between a crash and its restart); for tests and diagnostics. */
  writer(): Worker | null;
  /** Times the writer thread stopped unasked and was started again. */
  readonly restarts: number;
}

export interface EventFileOptions {
  /** Wait before starting a writer that stopped unasked; doubles while it keeps stopping (to 60 s). */
  restartDelayMs?: number;
}

const MAX_RESTART_DELAY_MS = 60_000;

export function openEventFile(registryPath: string, onError: (e: Error) => void = () => {}, options: EventFileOptions = {}): EventFile {
  const path = join(dirname(registryPath), EVENTS_FILE);
  // The file and its table exist before either thread uses them.
  const reader = new BetterSqlite3(path);
  reader.pragma('journal_mode = WAL');
  reader.pragma('busy_timeout = 5000');
  reader.exec(SCHEMA);
  reader.prepare('ATTACH DATABASE ? AS reg').run(registryPath);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });

  const baseDelay = options.restartDelayMs ?? 1000;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let worker: Worker | null = null;
  /** Why there is no writer now (between a crash and its restart), or null. */
  let down: Error | null = null;
  let delay = baseDelay;
  let restartTimer: NodeJS.Timeout | null = null;
  let restarts = 0;
  let closing = false;
  let closed: Promise<void> | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  // A writer that stops unasked (a crash, an exhausted heap) is started again after a pause, longer
  // each time it keeps stopping: meanwhile writes fail, and the recorder keeps their events in its
  // bounded buffer for the next flush, so a restart loses nothing the buffer could hold.
  const start = () => {
    restartTimer = null;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: BETTER_SQLITE3, path, registryPath, nice: WRITER_NICE } });
    // Like the recorder's timer, the writer does not keep a process alive by itself (close() flushes).
    w.unref();
    let lastError: Error | null = null;
    w.on('message', (m: { type: string; id?: number; error?: string; busy?: boolean; moveError?: string | null }) => {
      if (m.type === 'ready') {
        if (m.moveError) onError(new Error(`moving earlier verification events into ${EVENTS_FILE} failed: ${m.moveError}`));
        markReady();
      } else if (m.type === 'done') {
        const p = pending.get(m.id!);
        pending.delete(m.id!);
        if (m.error) p?.reject(m.busy ? new BusyError(m.error) : new Error(m.error));
        else {
          delay = baseDelay; // it works: the next crash waits the base pause again
          p?.resolve();
        }
      }
    });
    w.on('error', (e) => (lastError = e));
    w.on('exit', (code) => {
      worker = null;
      const e = new Error(`verification event writer stopped (exit ${code}${lastError ? `: ${lastError.message}` : ''})`);
      down = e;
      markReady();
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      if (closing) return;
      restartLater(e);
    });
    worker = w;
  };
  const restartLater = (why: Error) => {
    onError(new Error(`${why.message}; starting it again in ${Math.round(delay / 1000)} s`));
    restartTimer = setTimeout(() => {
      restarts++;
      down = null;
      try {
        start();
      } catch (e) {
        // A thread that cannot even be created (out of memory, thread limit): try again later.
        down = e instanceof Error ? e : new Error(String(e));
        restartLater(new Error(`verification event writer could not start: ${down.message}`));
      }
    }, delay);
    restartTimer.unref();
    delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
  };
  start();

  const send = (message: { type: 'write'; data: string } | { type: 'prune'; before: string }): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (!worker) return reject(down ?? new Error('verification event writer closed'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });

  const sink: EventSink = {
    write: (events) => (events.length ? send({ type: 'write', data: packEvents(events) }) : Promise.resolve()),
    prune: (before) => send({ type: 'prune', before }),
    close() {
      closed ??= (async () => {
        closing = true;
        if (restartTimer) clearTimeout(restartTimer);
        const w = worker;
        if (w) {
          const stopped = new Promise<void>((resolve) => w.once('exit', () => resolve()));
          w.postMessage({ type: 'close' });
          await stopped;
        }
        await kysely.destroy();
      })();
      return closed;
    },
  };
  return {
    sink,
    kysely,
    ready,
    writer: () => worker,
    get restarts() {
      return restarts;
    },
  };
}
