// All SQL of public verification: the lookups (built by Kysely once, run as prepared statements on a
// read-only SQLite connection or through the PostgreSQL pool), event writes and the signal query.

import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { MatchedCertificate } from './verification-result.js';

type Q = Kysely<Database>;

const COLUMNS = ['c.cert_no', 'c.source', 'c.category', 'c.operation', 'c.name', 'c.id_no', 'c.employer_uscc', 'c.issuer', 'c.issued', 'c.expires', 'c.status'] as const;

// No join: the employer's name is only needed when something matched, and comes from a cache.
const base = (db: Q) => db.selectFrom('certificates as c').select(COLUMNS);

type Row = Omit<MatchedCertificate, 'employer_name'>;

/** Enterprise names by credit code, cached briefly (a renamed enterprise shows within a minute). */
class EmployerNames {
  private cache = new Map<string, { name: string | null; at: number }>();
  constructor(private load: (uscc: string) => Promise<string | null>) {}
  async of(uscc: string | null): Promise<string | null> {
    if (!uscc) return null;
    const hit = this.cache.get(uscc);
    if (hit && Date.now() - hit.at < 60_000) return hit.name;
    const name = await this.load(uscc);
    this.remember(uscc, name);
    return name;
  }
  /** The cached name, or undefined when it must be loaded. */
  cached(uscc: string): string | null | undefined {
    const hit = this.cache.get(uscc);
    return hit && Date.now() - hit.at < 60_000 ? hit.name : undefined;
  }
  remember(uscc: string, name: string | null) {
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(uscc, { name, at: Date.now() });
  }
  async fill(rows: Row[]): Promise<MatchedCertificate[]> {
    const out: MatchedCertificate[] = [];
    for (const r of rows) out.push({ ...r, employer_name: await this.of(r.employer_uscc) });
    return out;
  }
}

/**
 * The name is part of the WHERE clause, so an unknown number and a known number with another name run
 * the same statement and both return no row: nothing after the database can tell them apart.
 */
function compileLookups(db: Q) {
  return {
    byCertNo: base(db).where('c.cert_no', '=', '').where('c.name', '=', '').compile(),
    byIdNo: base(db).where('c.id_no', '=', '').where('c.name', '=', '').compile(),
    byCid: base(db).innerJoin('credential_refs as r', (j) => j.onRef('r.cert_no', '=', 'c.cert_no').onRef('r.source', '=', 'c.source')).where('r.cid', '=', '').compile(),
    employer: db.selectFrom('enterprises').select('name').where('uscc', '=', '').compile(),
  };
}

const NONE: MatchedCertificate[] = [];

export interface VerificationLookup {
  byCertNo(certNo: string, name: string): Promise<MatchedCertificate[]>;
  byIdNo(idNo: string, name: string): Promise<MatchedCertificate[]>;
  byCid(cid: string): Promise<MatchedCertificate[]>;
  /**
   * A token that changes whenever the registry may have changed under this instance, or null when
   * changes cannot be detected here (answers must then not be cached). Embedded SQLite: the
   * connection's `PRAGMA data_version`, which moves with every commit of any other connection or
   * process to the database file (imports, enforcement decisions, the console, other instances).
   */
  version(): number | null;
  close(): Promise<void>;
}

/** A row of the lookup statements read with `.raw()` (columns in the order of COLUMNS). */
function rowOf(r: unknown[]): Row {
  return {
    cert_no: r[0] as string,
    source: r[1] as string,
    category: r[2] as string,
    operation: r[3] as string | null,
    name: r[4] as string,
    id_no: r[5] as string,
    employer_uscc: r[6] as string | null,
    issuer: r[7] as string | null,
    issued: r[8] as string,
    expires: r[9] as string,
    status: r[10] as string,
  };
}

export function openVerificationLookup(db: Db): VerificationLookup {
  const q = compileLookups(db.kysely);
  if (db.dialect === 'sqlite' && db.sqlitePath) {
    // A read connection of its own: lookups never wait behind the app's other statements and never see
    // another connection's uncommitted transaction. Nothing writes through it: SQLite drops a
    // connection's page cache whenever another connection commits to the file, and the recorder's
    // events go to a side file (event-file.ts), so only registry writes reach this cache and its
    // `data_version`.
    const conn = new BetterSqlite3(db.sqlitePath);
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    // A cache large enough for the hot part of a million-row registry. Not mmap: with commits to the
    // same file, memory-mapped reads measured several times slower than cached ones.
    conn.pragma('cache_size = -131072');
    const readTimeout = 2000;
    conn.pragma(`busy_timeout = ${readTimeout}`);
    const byCertNo = conn.prepare(q.byCertNo.sql).raw(true);
    const byIdNo = conn.prepare(q.byIdNo.sql).raw(true);
    const byCid = conn.prepare(q.byCid.sql).raw(true);
    const employer = conn.prepare(q.employer.sql).pluck();
    const dataVersion = conn.prepare('PRAGMA data_version').pluck();
    const names = new EmployerNames(async (uscc) => (employer.get(uscc) as string | undefined) ?? null);
    const employerName = (uscc: string | null): string | null => {
      if (!uscc) return null;
      const hit = names.cached(uscc);
      if (hit !== undefined) return hit;
      const name = (employer.get(uscc) as string | undefined) ?? null;
      names.remember(uscc, name);
      return name;
    };
    // `PRAGMA data_version` starts a read transaction (file and WAL-index locks: system calls, 1.5-3 µs,
    // a good part of a cached answer). It is read at most once a millisecond (other connections' and
    // processes' commits show within a millisecond, as if the query had come that much earlier) and
    // again at once after any statement of this process's own connection (a console action is in the
    // very next answer).
    let seen = -1;
    let seenWrites = -1;
    let fresh = false;
    const stale = () => void (fresh = false);
    const version = (): number => {
      const writes = db.localWrites?.() ?? -1;
      if (!fresh || writes !== seenWrites) {
        seen = dataVersion.get() as number;
        seenWrites = writes;
        if (!fresh) setTimeout(stale, 1).unref();
        fresh = true;
      }
      return seen;
    };
    const found = (rows: unknown[][]): MatchedCertificate[] => {
      if (rows.length === 0) return NONE;
      const out: MatchedCertificate[] = [];
      for (const r of rows) {
        const row = rowOf(r) as MatchedCertificate;
        row.employer_name = employerName(row.employer_uscc);
        out.push(row);
      }
      return out;
    };
    return {
      byCertNo: async (certNo, name) => found(byCertNo.all(certNo, name) as unknown[][]),
      byIdNo: async (idNo, name) => found(byIdNo.all(idNo, name) as unknown[][]),
      byCid: async (cid) => found(byCid.all(cid) as unknown[][]),
      version,
      close: async () => void conn.close(),
    };
  }
  const run = async (c: CompiledQuery, params: unknown[]) => (await db.kysely.executeQuery<Row>(CompiledQuery.raw(c.sql, params))).rows;
  const names = new EmployerNames(async (uscc) => (await db.kysely.executeQuery<{ name: string }>(CompiledQuery.raw(q.employer.sql, [uscc]))).rows[0]?.name ?? null);
  const found = async (rows: Promise<Row[]>) => {
    const r = await rows;
    return r.length === 0 ? NONE : names.fill(r);
  };
  return {
    byCertNo: (certNo, name) => found(run(q.byCertNo, [certNo, name])),
    byIdNo: (idNo, name) => found(run(q.byIdNo, [idNo, name])),
    byCid: (cid) => found(run(q.byCid, [cid])),
    // PostgreSQL: another instance's writes cannot be seen without asking the server, so no caching.
    version: () => null,
    close: async () => {},
  };
}

/**
 * What a verification asked and what it answered. The answer cache keeps one per query (a cached
 * answer is one), so the events of repeated queries share it.
 */
export interface EventSubject {
  /** The query as recorded (name and ID number masked). */
  query: string;
  result: string;
  certNo: string | null;
  source: string | null;
  /** The event file's serialization of the four fields above, filled on first use (event-file.ts). */
  packed?: string;
}

/** Who asked: keyed hashes of the client and its place (client-address.ts; one per address). */
export interface EventClient {
  clientHash: string;
  placeHash: string;
  /** As `EventSubject.packed`. */
  packed?: string;
}

export interface VerificationEvent {
  /** Milliseconds since the epoch. */
  at: number;
  channel: 'web' | 'api' | 'qr';
  subject: EventSubject;
  client: EventClient;
}

/** Where recorded events go, in batches. */
export interface EventSink {
  write(events: VerificationEvent[]): Promise<void>;
  prune(before: string): Promise<void>;
  close(): Promise<void>;
}

export class BusyError extends Error {}

/** An event as a row of verification_events. */
export function eventRow(e: VerificationEvent) {
  return {
    at: new Date(e.at).toISOString(),
    channel: e.channel,
    query: e.subject.query,
    result: e.subject.result,
    client_hash: e.client.clientHash,
    place_hash: e.client.placeHash,
    cert_no: e.subject.certNo,
    source: e.subject.source,
  };
}

export function openKyselyEventSink(db: Q): EventSink {
  return {
    async write(events) {
      for (let i = 0; i < events.length; i += 1000) {
        await db
          .insertInto('verification_events')
          .values(
            events.slice(i, i + 1000).map(eventRow),
          )
          .execute();
      }
    },
    prune: async (before) => void (await db.deleteFrom('verification_events').where('at', '<', before).execute()),
    close: async () => {},
  };
}

export interface SignalRow {
  cert_no: string;
  checks: number;
  clients: number;
  places: number;
  no_match: number;
  first_at: string;
  last_at: string;
}

/** Certificates checked by at least `minClients` clients or from `minPlaces` places since `since`. */
/** `scope`: a condition on cert_no keeping the caller's jurisdiction (registry/registry-scope.ts certNoScope). */
export async function signalRows(db: Q, since: string, minClients: number, minPlaces: number, limit: number, scope?: Expression<SqlBool>): Promise<SignalRow[]> {
  const rows = await db
    .selectFrom('verification_events')
    .$if(!!scope, (qb) => qb.where(scope!))
    .select((eb) => [
      'cert_no',
      eb.fn.countAll<number>().as('checks'),
      eb.fn.count<number>(sql`DISTINCT client_hash`).as('clients'),
      eb.fn.count<number>(sql`DISTINCT place_hash`).as('places'),
      eb.fn.sum<number>(sql`CASE WHEN result = 'no_match' THEN 1 ELSE 0 END`).as('no_match'),
      eb.fn.min('at').as('first_at'),
      eb.fn.max('at').as('last_at'),
    ])
    .where('at', '>=', since)
    .where('cert_no', 'is not', null)
    .groupBy('cert_no')
    .having((eb) => eb.or([eb(eb.fn.count(sql`DISTINCT client_hash`), '>=', minClients), eb(eb.fn.count(sql`DISTINCT place_hash`), '>=', minPlaces)]))
    .orderBy(sql`COUNT(DISTINCT client_hash)`, 'desc')
    .orderBy('cert_no')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cert_no: r.cert_no!,
    checks: Number(r.checks),
    clients: Number(r.clients),
    places: Number(r.places),
    no_match: Number(r.no_match ?? 0),
    first_at: String(r.first_at),
    last_at: String(r.last_at),
  }));
}

/** The registry's certificates of these numbers (the signal list shows who holds them). */
export async function certificatesByNumbers(db: Q, certNos: string[]) {
  if (certNos.length === 0) return [];
  return db.selectFrom('certificates').select(['cert_no', 'source', 'name', 'category', 'status', 'expires', 'employer_uscc']).where('cert_no', 'in', certNos).execute();
}

/** Recent events, newest first (optionally of one certificate number). */
export async function recentEvents(db: Q, options: { certNo?: string; since: string; limit: number; scope?: Expression<SqlBool> }) {
  let qb = db.selectFrom('verification_events').select(['at', 'channel', 'query', 'result', 'client_hash', 'place_hash', 'cert_no', 'source']);
  if (options.scope) qb = qb.where(options.scope);
  if (options.certNo) qb = qb.where('at', '>=', options.since).where('cert_no', '=', options.certNo);
  return qb.orderBy('at', 'desc').limit(options.limit).execute();
}

const CLIENT_SECRET_KEY = 'verification.client_secret';

/** The installation's secret for client hashes: created once, shared by every instance through the database. */
export async function ensureClientSecret(db: Q, fresh: () => string): Promise<string> {
  await db.insertInto('app_meta').values({ key: CLIENT_SECRET_KEY, value: fresh() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const r = await db.selectFrom('app_meta').select('value').where('key', '=', CLIENT_SECRET_KEY).executeTakeFirstOrThrow();
  return r.value;
}
