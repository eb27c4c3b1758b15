// The registry's reads: certificates, enterprises, persons. All SQL for browsing lives here.

import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CertificateRecord } from '../domain/records.js';
import { todayCst } from '../domain/dates.js';

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

function certificateQuery(db: Q, f: CertificateFilter) {
  let qb = db.selectFrom('certificates as c').leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc');
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
    const p = regionPattern(f.region);
    qb = qb.where('e.region', p.op, p.value);
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

export async function listCertificates(db: Q, f: CertificateFilter, page: Page): Promise<{ total: number; items: CertificateRow[] }> {
  const base = certificateQuery(db, f);
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

/** Every matching certificate, in batches (keyset pagination), for exports. */
export async function* iterateCertificates(db: Q, f: CertificateFilter, batch = 5000): AsyncGenerator<CertificateRow> {
  let after: { cert_no: string; source: string } | null = null;
  for (;;) {
    let qb = certificateQuery(db, f).select(CERT_COLUMNS);
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

function enterpriseQuery(db: Q, f: EnterpriseFilter) {
  let qb = db.selectFrom('enterprises as e');
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    qb = qb.where((eb) => eb.or([eb('e.uscc', '=', f.q!.toUpperCase()), sql<boolean>`e.name LIKE ${like} ESCAPE '\\'`, eb('e.license_no', '=', f.q!)]));
  }
  if (f.region) {
    const p = regionPattern(f.region);
    qb = qb.where('e.region', p.op, p.value);
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

export async function listEnterprises(db: Q, f: EnterpriseFilter, page: Page): Promise<{ total: number; items: EnterpriseRow[] }> {
  const base = enterpriseQuery(db, f);
  const [total, items] = await Promise.all([
    count(base),
    enterpriseSelect(base).orderBy('e.uscc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
  ]);
  return { total, items: items.map((r) => ({ ...r, certificate_count: Number(r.certificate_count) })) as EnterpriseRow[] };
}

export async function* iterateEnterprises(db: Q, f: EnterpriseFilter, batch = 5000): AsyncGenerator<EnterpriseRow> {
  let after: string | null = null;
  for (;;) {
    let qb = enterpriseQuery(db, f);
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

/** People are the holders of certificates, one row per ID number. */
function personQuery(db: Q, q: string | undefined) {
  let qb = db.selectFrom('certificates as c');
  if (q) qb = qb.where((eb) => eb.or([eb('c.id_no', '=', q.toUpperCase()), eb('c.name', '=', q), eb('c.id_no', 'like', `${likeEscape(q.toUpperCase())}%`)]));
  return qb;
}

export async function listPersons(db: Q, q: string | undefined, page: Page): Promise<{ total: number; items: PersonRow[] }> {
  const base = personQuery(db, q);
  const totalRow = await base.select((eb) => eb.fn.count<number>(sql`DISTINCT c.id_no`).as('n')).executeTakeFirst();
  const items = await base
    .select((eb) => ['c.id_no', eb.fn.max('c.name').as('name'), eb.fn.countAll().as('certificate_count')])
    .groupBy('c.id_no')
    .orderBy('c.id_no')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total: Number(totalRow?.n ?? 0), items: items.map((r) => ({ id_no: r.id_no, name: String(r.name), certificate_count: Number(r.certificate_count) })) };
}

export async function* iteratePersons(db: Q, q: string | undefined, batch = 5000): AsyncGenerator<PersonRow> {
  let after: string | null = null;
  for (;;) {
    let qb = personQuery(db, q);
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

/** Everything the registry holds on one person. */
export async function personDetail(db: Q, idNo: string) {
  const [certificates, staffing, socialInsurance, changes, training, exams] = await Promise.all([
    certificateQuery(db, { idNo }).select(CERT_COLUMNS).orderBy('c.issued', 'desc').execute() as Promise<CertificateRow[]>,
    db.selectFrom('staffing').select(['project_no', 'project_name', 'project_region', 'contractor_uscc', 'role', 'cert_no', 'start', 'end']).where('id_no', '=', idNo).orderBy('start', 'desc').execute(),
    db.selectFrom('social_insurance').select(['employer_uscc', 'month']).where('id_no', '=', idNo).orderBy('month', 'desc').execute(),
    db.selectFrom('changes').select(['cert_no', 'from_uscc', 'to_uscc', 'date']).where('id_no', '=', idNo).orderBy('date', 'desc').execute(),
    db.selectFrom('training').select(['institution_uscc', 'class_no', 'category', 'start', 'end', 'hours']).where('id_no', '=', idNo).orderBy('start', 'desc').execute(),
    db.selectFrom('exams').select(['sitting_no', 'site_no', 'category', 'start', 'submitted', 'score', 'passed']).where('id_no', '=', idNo).orderBy('start', 'desc').execute(),
  ]);
  const names = [...certificates.map((c) => c.name), ...(await db.selectFrom('staffing').select('name').where('id_no', '=', idNo).limit(1).execute()).map((r) => r.name)];
  return { name: names.find((n) => n) ?? null, certificates, staffing, socialInsurance, changes, training, exams: exams.map((e) => ({ ...e, passed: Number(e.passed) === 1 })) };
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
