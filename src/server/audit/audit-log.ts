// Appending to and reading the audit log: all SQL for it lives here. There is deliberately no function
// that updates or deletes an entry (and triggers refuse it in the database).

import { PostgresAdapter, sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { regionScope } from '../access/scope.js';
import type { Principal } from '../access/roles.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { ChainVerifier, entryHash, type Anchor, type ChainBreak } from './audit-chain.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  /** Dotted verb, e.g. auth.login, auth.login_failed, pii.reveal, registry.export, hit.dismiss, case.decide. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  /** Jurisdiction of the object (county or city code), so auditors of a region see their own. */
  region?: string | null;
  /** Never raw ID numbers or names: masked values, counts, filters, reasons. */
  details?: Record<string, unknown>;
}

/** Who acted: a principal, or a named system actor (e.g. an unknown user name at a failed login, masked). */
export type AuditActor = Principal | { id: null; username: string; role: null; region: null } | null;

/**
 * Append one entry. Pass the transaction that makes the change being recorded, so both commit or
 * neither does; outside a transaction it opens its own. Returns the entry's seq.
 */
export async function appendAudit(db: Q, actor: AuditActor, entry: AuditEntry): Promise<number> {
  if (!db.isTransaction) return (db as Kysely<Database>).transaction().execute((trx) => appendAudit(trx, actor, entry));
  // PostgreSQL: lock the head row so concurrent appends queue. SQLite serialises write transactions, but
  // a transaction that reads first and writes later fails (SQLITE_BUSY) when another process (the CLI
  // beside the server) wrote in between: writing first takes the write lock, waiting for it if need be.
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!isPg) await db.updateTable('audit_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute();
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .$if(isPg, (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  const fields = {
    seq: Number(head.seq) + 1,
    at: new Date().toISOString(),
    actor_id: actor?.id ?? null,
    actor_name: actor?.username ?? null,
    actor_role: actor?.role ?? null,
    actor_region: actor?.region ?? null,
    action: entry.action,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    region: entry.region ?? null,
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: head.hash,
  };
  const hash = entryHash(fields);
  await db.insertInto('audit_log').values({ ...fields, hash }).execute();
  await db.updateTable('audit_head').set({ seq: fields.seq, hash }).where('id', '=', 1).execute();
  return fields.seq;
}

export interface ChainReport {
  /** Entries checked. */
  entries: number;
  ok: boolean;
  firstBreak: ChainBreak | null;
  /** The head as read at the end: record it elsewhere (an anchor) to catch a chain recomputed wholesale. */
  head: { seq: number; hash: string } | null;
}

export interface VerifyOptions {
  pageSize?: number;
  /** Heads recorded outside the database earlier ("SEQ:HASH"): the entry at each seq must still have that hash. */
  anchors?: readonly Anchor[];
  /** Called after each page with the entries checked so far and the head's seq as read at the start. */
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Walk the whole chain in pages of `pageSize` (keyset, so memory stays flat at any size) and report the
 * first broken entry. Entries appended while it runs are taken in: after the last page the head is read
 * again, and while it names entries not yet seen the walk goes on.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions = {}): Promise<ChainReport> {
  const pageSize = options.pageSize ?? 5000;
  const verifier = new ChainVerifier(options.anchors);
  const readHead = () => db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const total = Number((await readHead())?.seq ?? 0);
  let broken: ChainBreak | null = null;
  let head: { seq: number; hash: string } | undefined;
  for (;;) {
    const rows: AuditLogTable[] = await db.selectFrom('audit_log').selectAll().where('seq', '>', verifier.lastSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) if ((broken = verifier.push(r))) break;
    options.onProgress?.(verifier.count, Math.max(total, verifier.lastSeq));
    if (broken || rows.length === pageSize) {
      if (broken) break;
      continue;
    }
    // The end as far as we have read: appends commit entry and head together, so a head beyond what we
    // saw means new entries arrived (read on) or entries at the end are missing (no rows come back).
    head = await readHead();
    if (!head) break;
    if (Number(head.seq) > verifier.lastSeq) {
      const more = await db.selectFrom('audit_log').select('seq').where('seq', '>', verifier.lastSeq).limit(1).executeTakeFirst();
      if (more) continue;
    }
    broken = verifier.finish({ seq: Number(head.seq), hash: head.hash });
    break;
  }
  if (!broken && !head) broken = { seq: 0, reason: '链头记录缺失', entry: null };
  head ??= await readHead();
  if (broken && !broken.entry) {
    const at = await db.selectFrom('audit_log').select(['seq', 'at', 'action']).where('seq', '>=', broken.seq).orderBy('seq').limit(1).executeTakeFirst();
    if (at) broken.entry = { seq: Number(at.seq), at: at.at, action: at.action };
  }
  return { entries: verifier.count, ok: !broken, firstBreak: broken, head: head ? { seq: Number(head.seq), hash: head.hash } : null };
}

// ---- reading, for auditors ------------------------------------------------------------------

export interface AuditFilter {
  /** Inclusive lower bound of `at` (ISO instant). */
  since?: string;
  /** Exclusive upper bound of `at` (ISO instant). */
  before?: string;
  /** Part of the actor's user name. */
  actor?: string;
  /** An action (auth.login), or a family ending in a dot (auth.). */
  action?: string;
  objectType?: string;
  objectId?: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** Entries matching the filter inside the auditor's scope: the object's or the actor's region in the jurisdiction. */
function filtered(db: Q, f: AuditFilter, scope: Principal) {
  return db
    .selectFrom('audit_log')
    .where((eb) => eb.or([regionScope('audit_log.region', scope), regionScope('audit_log.actor_region', scope)]))
    .$if(!!f.since, (qb) => qb.where('at', '>=', f.since!))
    .$if(!!f.before, (qb) => qb.where('at', '<', f.before!))
    .$if(!!f.actor, (qb) => qb.where(sql<SqlBool>`actor_name like ${'%' + likeEscape(f.actor!) + '%'} escape '\\'`))
    .$if(!!f.action && !f.action.endsWith('.'), (qb) => qb.where('action', '=', f.action!))
    .$if(!!f.action?.endsWith('.'), (qb) => qb.where(sql<SqlBool>`action like ${likeEscape(f.action!) + '%'} escape '\\'`))
    .$if(!!f.objectType, (qb) => qb.where('object_type', '=', f.objectType!))
    .$if(!!f.objectId, (qb) => qb.where('object_id', '=', f.objectId!));
}

/** One page, newest first, with the total. */
export async function listAudit(db: Q, f: AuditFilter, scope: Principal, page: { page: number; pageSize: number }) {
  const [count, items] = await Promise.all([
    filtered(db, f, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    filtered(db, f, scope)
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  return { total: Number(count.n), items };
}

/** Every matching entry, newest first, in keyset pages (an export of any size). */
export async function* iterateAudit(db: Q, f: AuditFilter, scope: Principal, pageSize = 2000): AsyncGenerator<AuditLogTable> {
  let below: number | null = null;
  for (;;) {
    const rows = await filtered(db, f, scope)
      .selectAll()
      .$if(below !== null, (qb) => qb.where('seq', '<', below!))
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .execute();
    yield* rows;
    if (rows.length < pageSize) return;
    below = Number(rows[rows.length - 1]!.seq);
  }
}

/** The actions that occur in the auditor's scope, for the filter's choices. */
export async function auditActions(db: Q, scope: Principal): Promise<string[]> {
  const rows = await filtered(db, {}, scope).select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
