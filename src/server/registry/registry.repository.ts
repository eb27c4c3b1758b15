// The registry's reads: certificates, enterprises, persons. All SQL for browsing lives here.

import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../access/roles.js';
import type { Database } from '../db/schema.js';
import type { CertificateRecord } from '../domain/records.js';
import { todayCst } from '../domain/dates.js';
import { certificateRegion, certificateScope, enterpriseScope, personScope, seesWholeProvince, staffingScope } from './registry-scope.js';

type Q = Kysely<Database>;

export interface Page {
  page: number;
  pageSize: number;
}

export interface CertificateFilter {
  q?: string;
  category?: string;
  status?: string;
  source?: 'own' | 'external';
  region?: string;
  expired?: boolean;
  employer?: string;
  idNo?: string;
}

/** A city code (ends in 00) covers its counties; a county code is matched exactly. */
function regionPattern(code: string): { op: 'like' | '='; value: string } {
  return code.endsWith('00') ? { op: 'like', value: code.slice(0, 4) + '%' } : { op: '=', value: code };
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Certificates inside the caller's scope, filtered. */
function certificateQuery(db: Q, p: Principal, f: CertificateFilter) {
  let qb = db.selectFrom('certificates as c').leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc').where(certificateScope(p));
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    qb = qb.where((eb) =>
      eb.or([
        eb('c.cert_no', '=', f.q!),
        eb('c.id_no', '=', f.q!.toUpperCase()),
        eb('c.name', '=', f.q!),
        sql<boolean>`c.cert_no LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  if (f.category) qb = qb.where('c.category', '=', f.category);
  if (f.status) qb = qb.where('c.status', '=', f.status);
  if (f.source === 'own') qb = qb.where('c.source', '=', '');
  if (f.source === 'external') qb = qb.where('c.source', '<>', '');
  if (f.employer) qb = qb.where('c.employer_uscc', '=', f.employer);
  if (f.idNo) qb = qb.where('c.id_no', '=', f.idNo);
  if (f.region) {
    const r = regionPattern(f.region);
    qb = qb.where(certificateRegion(), r.op, r.value);
  }
  if (f.expired !== undefined) qb = qb.where('c.expires', f.expired ? '<' : '>=', todayCst());
  return qb;
}

const CERT_COLUMNS = [
  'c.cert_no',
  'c.source',
  'c.category',
  'c.operation',
  'c.name',
  'c.id_no',
  'c.employer_uscc',
  'e.name as employer_name',
  'c.issuer',
  'c.issued',
  'c.expires',
  'c.status',
] as const;

export type CertificateRow = CertificateRecord & { employer_name: string | null };

async function count(qb: SelectQueryBuilder<any, any, any>): Promise<number> {
  const r = await qb.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number((r as { n: number | string } | undefined)?.n ?? 0);
}

export async function listCertificates(db: Q, p: Principal, f: CertificateFilter, page: Page): Promise<{ total: number; items: CertificateRow[] }> {
  const base = certificateQuery(db, p, f);
  const [total, items] = await Promise.all([
    count(base),
    base
      .select(CERT_COLUMNS)
      .orderBy('c.cert_no')
      .orderBy('c.source')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  return { total, items: items as CertificateRow[] };
}

export const countCertificates = (db: Q, p: Principal, f: CertificateFilter) => count(certificateQuery(db, p, f));

/** Every matching certificate, in batches (keyset pagination), for exports. */
export async function* iterateCertificates(db: Q, p: Principal, f: CertificateFilter, batch = 5000): AsyncGenerator<CertificateRow> {
  let after: { cert_no: string; source: string } | null = null;
  for (;;) {
    let qb = certificateQuery(db, p, f).select(CERT_COLUMNS);
    if (after) {
      const a = after;
      qb = qb.where((eb) => eb.or([eb('c.cert_no', '>', a.cert_no), eb.and([eb('c.cert_no', '=', a.cert_no), eb('c.source', '>', a.source)])]));
    }
    const rows = (await qb.orderBy('c.cert_no').orderBy('c.source').limit(batch).execute()) as CertificateRow[];
    yield* rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = { cert_no: last.cert_no, source: last.source };
  }
}

export interface EnterpriseFilter {
  q?: string;
  region?: string;
  licenseStatus?: string;
}

function enterpriseQuery(db: Q, p: Principal, f: EnterpriseFilter) {
  let qb = db.selectFrom('enterprises as e').where(enterpriseScope(p));
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    qb = qb.where((eb) => eb.or([eb('e.uscc', '=', f.q!.toUpperCase()), sql<boolean>`e.name LIKE ${like} ESCAPE '\\'`, eb('e.license_no', '=', f.q!)]));
  }
  if (f.region) {
    const r = regionPattern(f.region);
    qb = qb.where('e.region', r.op, r.value);
  }
  if (f.licenseStatus === 'none') qb = qb.where('e.license_no', 'is', null);
  else if (f.licenseStatus) qb = qb.where('e.license_status', '=', f.licenseStatus);
  return qb;
}

export type EnterpriseRow = Database['enterprises'] & { certificate_count: number };

const enterpriseSelect = (qb: ReturnType<typeof enterpriseQuery>) =>
  qb.select((eb) => [
    'e.uscc',
    'e.name',
    'e.region',
    'e.license_no',
    'e.license_expires',
    'e.license_status',
    eb.selectFrom('certificates as c').whereRef('c.employer_uscc', '=', 'e.uscc').select((eb2) => eb2.fn.countAll().as('n')).as('certificate_count'),
  ]);

export async function listEnterprises(db: Q, p: Principal, f: EnterpriseFilter, page: Page): Promise<{ total: number; items: EnterpriseRow[] }> {
  const base = enterpriseQuery(db, p, f);
  const [total, items] = await Promise.all([
    count(base),
    enterpriseSelect(base).orderBy('e.uscc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
  ]);
  return { total, items: items.map((r) => ({ ...r, certificate_count: Number(r.certificate_count) })) as EnterpriseRow[] };
}

export const countEnterprises = (db: Q, p: Principal, f: EnterpriseFilter) => count(enterpriseQuery(db, p, f));

export async function* iterateEnterprises(db: Q, p: Principal, f: EnterpriseFilter, batch = 5000): AsyncGenerator<EnterpriseRow> {
  let after: string | null = null;
  for (;;) {
    let qb = enterpriseQuery(db, p, f);
    if (after !== null) qb = qb.where('e.uscc', '>', after);
    const rows = await enterpriseSelect(qb).orderBy('e.uscc').limit(batch).execute();
    for (const r of rows) yield { ...r, certificate_count: Number(r.certificate_count) } as EnterpriseRow;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.uscc;
  }
}

export interface PersonRow {
  id_no: string;
  name: string;
  certificate_count: number;
}

/** People are the holders of certificates in scope, one row per ID number (counting in-scope certificates). */
function personQuery(db: Q, p: Principal, q: string | undefined) {
  let qb = db.selectFrom('certificates as c').leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc').where(certificateScope(p));
  if (q) qb = qb.where((eb) => eb.or([eb('c.id_no', '=', q.toUpperCase()), eb('c.name', '=', q), eb('c.id_no', 'like', `${likeEscape(q.toUpperCase())}%`)]));
  return qb;
}

export async function listPersons(db: Q, p: Principal, q: string | undefined, page: Page): Promise<{ total: number; items: PersonRow[] }> {
  const base = personQuery(db, p, q);
  const total = await countPersons(db, p, q);
  const items = await base
    .select((eb) => ['c.id_no', eb.fn.max('c.name').as('name'), eb.fn.countAll().as('certificate_count')])
    .groupBy('c.id_no')
    .orderBy('c.id_no')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total, items: items.map((r) => ({ id_no: r.id_no, name: String(r.name), certificate_count: Number(r.certificate_count) })) };
}

export async function countPersons(db: Q, p: Principal, q: string | undefined): Promise<number> {
  const r = await personQuery(db, p, q).select((eb) => eb.fn.count<number>(sql`DISTINCT c.id_no`).as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function* iteratePersons(db: Q, p: Principal, q: string | undefined, batch = 5000): AsyncGenerator<PersonRow> {
  let after: string | null = null;
  for (;;) {
    let qb = personQuery(db, p, q);
    if (after !== null) qb = qb.where('c.id_no', '>', after);
    const rows = await qb
      .select((eb) => ['c.id_no', eb.fn.max('c.name').as('name'), eb.fn.countAll().as('certificate_count')])
      .groupBy('c.id_no')
      .orderBy('c.id_no')
      .limit(batch)
      .execute();
    for (const r of rows) yield { id_no: r.id_no, name: String(r.name), certificate_count: Number(r.certificate_count) };
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id_no;
  }
}

/** Is the person (ID number) inside the caller's scope? */
export async function personInScope(db: Q, p: Principal, idNo: string): Promise<boolean> {
  const r = await db.selectNoFrom(sql<SqlBool>`${personScope(p, sql.val(idNo))}`.as('ok')).executeTakeFirst();
  const ok: unknown = r?.ok;
  return ok === true || Number(ok) === 1;
}

/**
 * Everything the registry holds on one person in scope: their certificates and staffing rows inside the
 * caller's scope, and the records about the person themselves (insurance, changes, training, exams).
 * Null when the person is unknown or outside the caller's scope.
 */
export async function personDetail(db: Q, p: Principal, idNo: string) {
  if (!(await personInScope(db, p, idNo))) return null;
  const [certificates, staffing, socialInsurance, changes, training, exams] = await Promise.all([
    certificateQuery(db, p, { idNo }).select(CERT_COLUMNS).orderBy('c.issued', 'desc').execute() as Promise<CertificateRow[]>,
    db.selectFrom('staffing as s').select(['s.project_no', 's.project_name', 's.project_region', 's.contractor_uscc', 's.role', 's.cert_no', 's.start', 's.end', 's.name']).where('s.id_no', '=', idNo).where(staffingScope(p)).orderBy('s.start', 'desc').execute(),
    db.selectFrom('social_insurance').select(['employer_uscc', 'month']).where('id_no', '=', idNo).orderBy('month', 'desc').execute(),
    db.selectFrom('changes').select(['cert_no', 'from_uscc', 'to_uscc', 'date']).where('id_no', '=', idNo).orderBy('date', 'desc').execute(),
    db.selectFrom('training').select(['institution_uscc', 'class_no', 'category', 'start', 'end', 'hours']).where('id_no', '=', idNo).orderBy('start', 'desc').execute(),
    db.selectFrom('exams').select(['sitting_no', 'site_no', 'category', 'start', 'submitted', 'score', 'passed']).where('id_no', '=', idNo).orderBy('start', 'desc').execute(),
  ]);
  const names = [...certificates.map((c) => c.name), ...staffing.map((s) => s.name ?? '')];
  if (certificates.length === 0 && staffing.length === 0) return null;
  return {
    name: names.find((n) => n) ?? null,
    certificates,
    staffing: staffing.map(({ name: _n, ...s }) => s),
    socialInsurance,
    changes,
    training,
    exams: exams.map((e) => ({ ...e, passed: Number(e.passed) === 1 })),
  };
}

/** Counts of the registry inside the caller's scope (the console's overview); kinds without a region are null below the province. */
export async function scopedCounts(db: Q, p: Principal) {
  const n = async (qb: SelectQueryBuilder<any, any, any>) => count(qb);
  const certs = () => db.selectFrom('certificates as c').leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc').where(certificateScope(p));
  const [enterprises, certificates, external, staffing] = await Promise.all([
    n(db.selectFrom('enterprises as e').where(enterpriseScope(p))),
    n(certs().where('c.source', '=', '')),
    n(certs().where('c.source', '<>', '')),
    n(db.selectFrom('staffing as s').where(staffingScope(p))),
  ]);
  const scoped = { enterprises, certificates, external_certificates: external, staffing };
  if (seesWholeProvince(p)) return { ...(await summaryCounts(db)), ...scoped };
  return { ...scoped, social_insurance: null, changes: null, training: null, exams: null };
}

export async function summaryCounts(db: Q) {
  const n = async (qb: SelectQueryBuilder<any, any, any>) => count(qb);
  const [enterprises, certificates, external, staffing, socialInsurance, changes, training, exams] = await Promise.all([
    n(db.selectFrom('enterprises')),
    n(db.selectFrom('certificates').where('source', '=', '')),
    n(db.selectFrom('certificates').where('source', '<>', '')),
    n(db.selectFrom('staffing')),
    n(db.selectFrom('social_insurance')),
    n(db.selectFrom('changes')),
    n(db.selectFrom('training')),
    n(db.selectFrom('exams')),
  ]);
  return { enterprises, certificates, external_certificates: external, staffing, social_insurance: socialInsurance, changes, training, exams };
}

/** Is the certificate (number + source) inside the caller's scope? */
export async function certificateInScope(db: Q, p: Principal, certNo: string, source: string): Promise<boolean> {
  const r = await db
    .selectFrom('certificates as c')
    .leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc')
    .select('c.cert_no')
    .where('c.cert_no', '=', certNo)
    .where('c.source', '=', source)
    .where(certificateScope(p))
    .executeTakeFirst();
  return !!r;
}
