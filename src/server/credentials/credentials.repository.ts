// All SQL of the electronic certificates: signing keys, credential references, status-list rows.

import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, SigningKeysTable } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export type KeyStatus = 'active' | 'verify' | 'retired' | 'compromised';
export type SigningKeyRow = SigningKeysTable;

export async function listSigningKeys(db: Q): Promise<SigningKeyRow[]> {
  return db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('kid').execute();
}

export async function insertSigningKey(db: Q, row: SigningKeyRow): Promise<void> {
  await db.insertInto('signing_keys').values(row).execute();
}

export async function setKeyStatus(db: Q, kid: string, status: KeyStatus, note: string | null, at: string): Promise<void> {
  await db.updateTable('signing_keys').set({ status, note, changed_at: at }).where('kid', '=', kid).execute();
}

export interface CredentialRef {
  cid: string;
  idx: number;
  /** Assigned by this call (the published status list does not know it yet). */
  created: boolean;
}

function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: string; message?: string };
  return x.code === '23505' || x.code === 'SQLITE_CONSTRAINT_UNIQUE' || x.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint/.test(x.message ?? '');
}

/** The certificate's opaque id and status-list index, assigned on first use (next free index). */
export async function ensureCredentialRef(db: Kysely<Database>, certNo: string, source: string): Promise<CredentialRef> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await db.selectFrom('credential_refs').select(['cid', 'idx']).where('cert_no', '=', certNo).where('source', '=', source).executeTakeFirst();
    if (found) return { cid: found.cid, idx: Number(found.idx), created: attempt > 0 };
    const max = await db.selectFrom('credential_refs').select((eb) => eb.fn.max('idx').as('m')).executeTakeFirst();
    const idx = max?.m === null || max?.m === undefined ? 0 : Number(max.m) + 1;
    try {
      await db.insertInto('credential_refs').values({ cert_no: certNo, source, cid: randomBytes(12).toString('base64url'), idx, created_at: new Date().toISOString() }).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another instance took the index (or the certificate) first: look again
    }
  }
  throw new Error('could not assign a status-list index');
}

/** Every referenced certificate's index and registry state (null when it left the registry). */
export async function statusRows(db: Q): Promise<Array<{ idx: number; status: string | null }>> {
  const rows = await db
    .selectFrom('credential_refs as r')
    .leftJoin('certificates as c', (j) => j.onRef('c.cert_no', '=', 'r.cert_no').onRef('c.source', '=', 'r.source'))
    .select(['r.idx', 'c.status'])
    .execute();
  return rows.map((r) => ({ idx: Number(r.idx), status: r.status }));
}

export async function certificateForCredential(db: Q, certNo: string, source: string) {
  return db
    .selectFrom('certificates as c')
    .leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc')
    .select(['c.cert_no', 'c.source', 'c.category', 'c.operation', 'c.name', 'c.id_no', 'c.employer_uscc', 'e.name as employer_name', 'c.issuer', 'c.issued', 'c.expires', 'c.status'])
    .where('c.cert_no', '=', certNo)
    .where('c.source', '=', source)
    .executeTakeFirst();
}
