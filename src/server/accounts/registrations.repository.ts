// Self-registrations of enterprises and institutions: all SQL, scoped by the organisation's region.

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { regionScope } from '../access/scope.js';
import type { Principal } from '../access/roles.js';
import type { Database, RegistrationsTable } from '../db/schema.js';
import { regionByCode } from '../domain/regions.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function findEnterprise(db: Q, uscc: string) {
  return db.selectFrom('enterprises').select(['uscc', 'name', 'region', 'license_no']).where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertRegistration(db: Q, r: Omit<RegistrationsTable, 'id' | 'status' | 'submitted_at' | 'decided_at' | 'decided_by' | 'reason'>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('registrations')
    .values({ ...r, id, status: 'pending', submitted_at: new Date().toISOString(), decided_at: null, decided_by: null, reason: null })
    .execute();
  return id;
}

export interface RegistrationView {
  id: string;
  kind: string;
  orgUscc: string;
  orgName: string;
  licenceNo: string | null;
  contactName: string;
  contactPhone: string | null;
  username: string;
  region: string;
  regionName: string | null;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
}

const columns = [
  'registrations.id',
  'registrations.kind',
  'registrations.org_uscc',
  'registrations.org_name',
  'registrations.licence_no',
  'registrations.contact_name',
  'registrations.contact_phone',
  'registrations.region',
  'registrations.status',
  'registrations.submitted_at',
  'registrations.decided_at',
  'registrations.reason',
  'registrations.user_id',
  'users.username',
] as const;

function scoped(db: Q, p: Principal) {
  return db.selectFrom('registrations').innerJoin('users', 'users.id', 'registrations.user_id').where(regionScope('registrations.region', p));
}

type Row = Awaited<ReturnType<typeof findRegistrationInScope>> & object;

const present = (r: Row): RegistrationView => ({
  id: r.id,
  kind: r.kind,
  orgUscc: r.org_uscc,
  orgName: r.org_name,
  licenceNo: r.licence_no,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  username: r.username,
  region: r.region,
  regionName: regionByCode(r.region)?.name ?? null,
  status: r.status,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  reason: r.reason,
});

export async function listRegistrations(db: Q, p: Principal, status: string | undefined) {
  let q = scoped(db, p);
  if (status) q = q.where('registrations.status', '=', status);
  const rows = await q.select(columns).orderBy('registrations.submitted_at', 'desc').limit(500).execute();
  return rows.map(present);
}

export async function findRegistrationInScope(db: Q, p: Principal, id: string) {
  return scoped(db, p).select(columns).where('registrations.id', '=', id).executeTakeFirst();
}

export { present as presentRegistration };

export async function decideRegistration(db: Q, id: string, status: 'approved' | 'rejected', by: string, reason: string | null): Promise<void> {
  await db
    .updateTable('registrations')
    .set({ status, decided_at: new Date().toISOString(), decided_by: by, reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
