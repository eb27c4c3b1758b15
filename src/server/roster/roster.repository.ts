// The registry's certificates of a roster's numbers, in chunks (one query per 500 numbers).

import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionOrOrgScope } from '../access/scope.js';
import type { Database } from '../db/schema.js';
import type { RegisteredCertificate } from './roster-verdict.js';

export async function registeredByNumbers(db: Kysely<Database>, certNos: string[]): Promise<Map<string, RegisteredCertificate[]>> {
  const out = new Map<string, RegisteredCertificate[]>();
  const unique = [...new Set(certNos.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('certificates as c')
      .leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc')
      .select(['c.cert_no', 'c.source', 'c.category', 'c.name', 'c.id_no', 'c.employer_uscc', 'e.name as employer_name', 'c.expires', 'c.status'])
      .where('c.cert_no', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const list = out.get(r.cert_no);
      if (list) list.push(r);
      else out.set(r.cert_no, [r]);
    }
  }
  return out;
}

// ---- stored roster checks (企业自查记录) ----------------------------------------------------------

export type RosterRecord = Database['rosters'];

export async function insertRoster(db: Kysely<Database> | Transaction<Database>, r: RosterRecord): Promise<void> {
  await db.insertInto('rosters').values(r).execute();
}

/** Rosters the caller may see: an org user its own organisation's; officials those of their jurisdiction. */
const scopedRosters = (db: Kysely<Database>, p: Principal) => db.selectFrom('rosters as r').where(regionOrOrgScope('r.region', 'r.org_uscc', p));

export async function listRosters(db: Kysely<Database>, p: Principal, page: { page: number; pageSize: number }) {
  const base = scopedRosters(db, p);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await base.selectAll('r').orderBy('r.created_at', 'desc').orderBy('r.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { total: Number(total?.n ?? 0), items };
}

export async function findRoster(db: Kysely<Database>, p: Principal, id: string): Promise<RosterRecord | undefined> {
  return scopedRosters(db, p).selectAll('r').where('r.id', '=', id).executeTakeFirst();
}

/** The organisation's name and county, for the record of an enterprise's roster. */
export async function organisationOf(db: Kysely<Database>, uscc: string) {
  return db.selectFrom('enterprises').select(['name', 'region']).where('uscc', '=', uscc).executeTakeFirst();
}
