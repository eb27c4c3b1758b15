// The register of official domains and the websites reported to us: all SQL for them lives here.

import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionScope } from '../access/scope.js';
import type { Database, ReportedWebsitesTable } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function listOfficialDomains(db: Q) {
  return db.selectFrom('official_domains').selectAll().orderBy('host').execute();
}

export async function officialHosts(db: Q): Promise<string[]> {
  return (await db.selectFrom('official_domains').select('host').execute()).map((r) => r.host);
}

export async function insertOfficialDomain(db: Q, row: { host: string; name: string; createdBy: string | null }): Promise<boolean> {
  const r = await db
    .insertInto('official_domains')
    .values({ host: row.host, name: row.name, created_at: new Date().toISOString(), created_by: row.createdBy })
    .onConflict((oc) => oc.column('host').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteOfficialDomain(db: Q, host: string): Promise<boolean> {
  const r = await db.deleteFrom('official_domains').where('host', '=', host).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertReportedWebsite(db: Q, row: ReportedWebsitesTable): Promise<void> {
  await db.insertInto('reported_websites').values(row).execute();
}

export async function listReportedWebsites(db: Q, p: Principal, o: { verdict?: string; limit: number; offset: number }) {
  let q = db.selectFrom('reported_websites').where(regionScope('reported_websites.region', p));
  if (o.verdict) q = q.where('verdict', '=', o.verdict);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(o.limit).offset(o.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function reportedWebsitesOfTip(db: Q, tipId: string) {
  return db.selectFrom('reported_websites').selectAll().where('tip_id', '=', tipId).execute();
}
