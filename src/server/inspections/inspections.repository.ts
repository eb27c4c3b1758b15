// Inspections (逢查必检) and the certificates checked on site: all SQL for them lives here.

import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionScope } from '../access/scope.js';
import type { Database, InspectionChecksTable, InspectionsTable } from '../db/schema.js';
import type { RegistryCert } from './check-outcome.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertInspection(db: Q, row: InspectionsTable): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
}

export async function updateInspection(db: Q, id: string, set: Partial<InspectionsTable>): Promise<void> {
  await db.updateTable('inspections').set(set).where('id', '=', id).execute();
}

export async function inspectionInScope(db: Q, p: Principal, id: string): Promise<InspectionsTable | undefined> {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).where(regionScope('inspections.region', p)).executeTakeFirst();
}

export async function listInspections(db: Q, p: Principal, o: { kind?: string; limit: number; offset: number }) {
  let q = db.selectFrom('inspections').where(regionScope('inspections.region', p));
  if (o.kind) q = q.where('kind', '=', o.kind);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('date', 'desc').orderBy('created_at', 'desc').limit(o.limit).offset(o.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom('inspection_checks')
        .select((eb) => ['inspection_id', eb.fn.countAll<number>().as('checks'), eb.fn.count<number>('problem').as('problems')])
        .where('inspection_id', 'in', ids)
        .groupBy('inspection_id')
        .execute()
    : [];
  return { rows, total: Number(total.n), counts: new Map(counts.map((c) => [c.inspection_id, { checks: Number(c.checks), problems: Number(c.problems) }])) };
}

export async function insertCheck(db: Q, row: InspectionChecksTable): Promise<void> {
  await db.insertInto('inspection_checks').values(row).execute();
}

export async function checksOf(db: Q, inspectionId: string): Promise<InspectionChecksTable[]> {
  return db.selectFrom('inspection_checks').selectAll().where('inspection_id', '=', inspectionId).orderBy('checked_at').orderBy('id').execute();
}

/** Every registry's certificates with this number (staff lookup: no name needed, nothing masked here). */
export async function certificatesByNumber(db: Q, certNo: string): Promise<RegistryCert[]> {
  return db.selectFrom('certificates').select(['cert_no', 'source', 'name', 'status', 'expires']).where('cert_no', '=', certNo).execute();
}
