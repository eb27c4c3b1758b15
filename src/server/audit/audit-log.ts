// Appending to and reading the audit log: all SQL for it lives here. There is deliberately no function
// that updates or deletes an entry (and triggers refuse it in the database).

import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { ChainVerifier, entryHash, type ChainBreak } from './audit-chain.js';

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
  // PostgreSQL: lock the head row so concurrent appends queue; SQLite serialises write transactions.
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
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
  entries: number;
  ok: boolean;
  firstBreak: ChainBreak | null;
}

/** Walk the whole chain in pages and report the first broken entry. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let after = 0;
  let broken: ChainBreak | null = null;
  for (;;) {
    const rows: AuditLogTable[] = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      broken = verifier.push(r);
      if (broken) break;
    }
    if (broken || rows.length < pageSize) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  if (!broken) {
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    broken = head ? verifier.finish(head) : { seq: 0, reason: '链头记录缺失' };
  }
  return { entries: verifier.count, ok: !broken, firstBreak: broken };
}
