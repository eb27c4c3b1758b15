// Clues (线索): all SQL for them lives here. The enforcement loop (cases, transfers) builds on this table.
//
// For other areas (tips, inspections, verification signals): `openClue` opens a clue or joins an open
// one on the same subject, and `clueProgress` says how it stands in words fit for a reporter.

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { creditCodeRegion } from '../domain/credit-code.js';
import { regionByCode, SICHUAN_CODE } from '../domain/regions.js';
import { AppError } from '../http/errors.js';
import { CASE_STATE_LABELS, type CaseState } from '../cases/case-machine.js';
import { describeDecision, type DecisionItem } from '../cases/decisions.js';
import type { ClueSource, ClueStatus } from './clue-labels.js';
import { KIND_OF_ID_TYPE, normaliseSubject, SUBJECT_ID_TYPE, type ClueSubject, type SubjectKind } from './subjects.js';

type Q = Kysely<Database> | Transaction<Database>;

export { CLUE_SOURCE_LABELS, CLUE_SOURCES, CLUE_STATUS_LABELS, CLUE_STATUSES, type ClueSource, type ClueStatus } from './clue-labels.js';

/** Clues still being handled absorb new reports on the same subject. */
const LIVE: ClueStatus[] = ['open', 'case'];

export interface OpenClueOptions {
  source: ClueSource;
  /** At least one; `{ kind: 'certificate', value: '川建安B(2024)…' }`. Validated and normalised here. */
  subjects: Array<{ kind: SubjectKind | string; value: string }>;
  summary: string;
  /** The reporter's or caller's region: used when no subject is found in the registry. */
  region?: string | null;
  /** JSON-able facts of this report (never shown to the public). */
  details: object;
  /** The account (null for a public tip). */
  createdBy: string | null;
}

/**
 * Open a clue, or add this report to an open clue sharing any subject with it. Call inside the
 * transaction that records the report. Returns the clue and whether it is new. Invalid subjects throw
 * a bad_request AppError naming the subject.
 */
export async function openClue(db: Q, o: OpenClueOptions): Promise<{ id: string; created: boolean; region: string }> {
  const summary = o.summary.trim();
  if (!summary) throw new AppError('bad_request', '线索摘要不能为空');
  if (o.subjects.length === 0) throw new AppError('bad_request', '线索须至少有一个对象（人员、证书、企业、机构或网站）');
  const subjects: ClueSubject[] = [];
  for (const [i, s] of o.subjects.entries()) {
    const r = normaliseSubject(s.kind, s.value);
    if (!r.ok) throw new AppError('bad_request', `线索对象第${i + 1}项：${r.message}`);
    if (!subjects.some((x) => SUBJECT_ID_TYPE[x.kind] === SUBJECT_ID_TYPE[r.subject.kind] && x.value === r.subject.value)) subjects.push(r.subject);
  }
  if (o.region != null && !regionByCode(o.region)) throw new AppError('bad_request', `地区代码“${o.region}”不是四川省的行政区划`);

  const now = new Date().toISOString();
  const report = { id: randomUUID(), source: o.source, summary, details: JSON.stringify(o.details), created_at: now, created_by: o.createdBy };
  const match = await findLiveClueOn(db, subjects);
  if (match) {
    await addSubjects(db, match.id, subjects);
    await db.insertInto('clue_reports').values({ ...report, clue_id: match.id }).execute();
    await db.updateTable('clues').set({ report_count: sql`report_count + 1` }).where('id', '=', match.id).execute();
    return { id: match.id, created: false, region: match.region ?? SICHUAN_CODE };
  }
  const region = (await registryRegion(db, subjects)) ?? o.region ?? creditCodeRegionOf(subjects) ?? SICHUAN_CODE;
  const id = randomUUID();
  const first = subjects[0]!;
  await db
    .insertInto('clues')
    .values({
      id,
      source: o.source,
      status: 'open',
      subject_type: SUBJECT_ID_TYPE[first.kind],
      subject: first.value,
      summary,
      region,
      details: report.details,
      created_at: now,
      created_by: o.createdBy,
      case_id: null,
      closed_reason: null,
      closed_at: null,
      closed_by: null,
    })
    .execute();
  await addSubjects(db, id, subjects);
  await db.insertInto('clue_reports').values({ ...report, clue_id: id }).execute();
  return { id, created: true, region };
}

export interface NewClue {
  source: ClueSource;
  subjectType: string;
  subject: string;
  summary: string;
  region: string | null;
  details: object;
  createdBy: string | null;
}

/** Screening's entry point (subjects named by identifier type); an open clue on the subject absorbs the hit. */
export async function openClueOrMatch(db: Q, c: NewClue): Promise<{ id: string; created: boolean }> {
  const kind = KIND_OF_ID_TYPE[c.subjectType] ?? 'website';
  const { id, created } = await openClue(db, { source: c.source, subjects: [{ kind, value: c.subject }], summary: c.summary, region: c.region, details: c.details, createdBy: c.createdBy });
  return { id, created };
}

async function findLiveClueOn(db: Q, subjects: ClueSubject[]) {
  return db
    .selectFrom('clue_subjects as s')
    .innerJoin('clues as c', 'c.id', 's.clue_id')
    .select(['c.id', 'c.region'])
    .where('c.status', 'in', LIVE)
    .where((eb) => eb.or(subjects.map((s) => eb.and([eb('s.id_type', '=', SUBJECT_ID_TYPE[s.kind]), eb('s.value', '=', s.value)]))))
    .orderBy('c.created_at')
    .executeTakeFirst();
}

async function addSubjects(db: Q, clueId: string, subjects: ClueSubject[]) {
  const rows = subjects.map((s) => ({ clue_id: clueId, kind: s.kind, id_type: SUBJECT_ID_TYPE[s.kind], value: s.value }));
  await db.insertInto('clue_subjects').values(rows).onConflict((oc) => oc.columns(['clue_id', 'id_type', 'value']).doNothing()).execute();
}

/**
 * The jurisdiction responsible for the first subject the registry knows: a certificate goes where its
 * employer is registered, an enterprise or institution where it is, a person where the employer of
 * their (newest) certificate is.
 */
export async function registryRegion(db: Q, subjects: readonly ClueSubject[]): Promise<string | null> {
  for (const s of subjects) {
    let region: string | null | undefined = null;
    if (s.kind === 'certificate' || s.kind === 'person') {
      const row = await db
        .selectFrom('certificates as c')
        .innerJoin('enterprises as e', 'e.uscc', 'c.employer_uscc')
        .select('e.region')
        .where(s.kind === 'certificate' ? 'c.cert_no' : 'c.id_no', '=', s.value)
        .orderBy('c.source')
        .orderBy('c.issued', 'desc')
        .executeTakeFirst();
      region = row?.region;
    } else if (s.kind === 'enterprise' || s.kind === 'institution') {
      region = (await db.selectFrom('enterprises').select('region').where('uscc', '=', s.value).executeTakeFirst())?.region;
    }
    if (region && regionByCode(region)) return region;
  }
  return null;
}

function creditCodeRegionOf(subjects: readonly ClueSubject[]): string | null {
  for (const s of subjects) {
    if (s.kind !== 'enterprise' && s.kind !== 'institution') continue;
    const r = creditCodeRegion(s.value);
    if (r && regionByCode(r)) return r;
  }
  return null;
}

export async function findClue(db: Q, id: string) {
  return db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ClueProgress {
  status: 'received' | 'case' | 'closed' | 'dismissed';
  /** 受理中 / 已立案 / 已结案 / 不予立案 … */
  label: string;
  /** One sentence for the reporter: the outcome, without anyone's name or number. */
  text: string;
  /** When the clue last changed state (ISO), or null while it is being received. */
  at: string | null;
}

/** How a clue stands, in words a reporter may read (used by the public tip tracking page). */
export async function clueProgress(db: Q, clueId: string): Promise<ClueProgress | null> {
  const clue = await db.selectFrom('clues').select(['status', 'case_id', 'closed_reason', 'closed_at']).where('id', '=', clueId).executeTakeFirst();
  if (!clue) return null;
  if (clue.status === 'dismissed') return { status: 'dismissed', label: '不予立案', text: `不予立案：${clue.closed_reason ?? ''}`, at: clue.closed_at };
  if (clue.status === 'closed') return { status: 'closed', label: '已办结', text: `已办结：${clue.closed_reason ?? ''}`, at: clue.closed_at };
  if (clue.status !== 'case' || !clue.case_id) return { status: 'received', label: '受理中', text: '受理中：您反映的情况已转交主管部门核查。', at: null };
  const c = await db.selectFrom('cases').select(['state', 'stage_since', 'filed_at']).where('id', '=', clue.case_id).executeTakeFirst();
  if (!c) return { status: 'received', label: '受理中', text: '受理中：您反映的情况已转交主管部门核查。', at: null };
  const state = c.state as CaseState;
  const decision = await db
    .selectFrom('case_actions')
    .select('details')
    .where('case_id', '=', clue.case_id)
    .where('action', '=', 'decide')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const items = decision ? ((JSON.parse(decision.details) as { items?: DecisionItem[] }).items ?? []) : [];
  if (state === 'closed')
    return { status: 'closed', label: '已结案', text: items.length ? `已结案：处理结果为${describeDecision(items)}。` : '已结案。', at: c.stage_since };
  if (state === 'revoked') return { status: 'closed', label: '已结案', text: '已结案：经调查，依法撤销立案。', at: c.stage_since };
  if (state === 'referred') return { status: 'case', label: '已立案', text: '已立案：案件已依法移送公安机关处理。', at: c.stage_since };
  if (items.length && (state === 'decided' || state === 'executing'))
    return { status: 'case', label: '已立案', text: `已立案：已作出处理决定（${describeDecision(items)}），正在执行。`, at: c.stage_since };
  return { status: 'case', label: '已立案', text: `已立案：案件${CASE_STATE_LABELS[state] === '已立案' ? '正在办理' : '正处于' + CASE_STATE_LABELS[state] + '阶段'}。`, at: c.filed_at };
}

// ---- console: lists and details, inside the caller's jurisdiction ----

export interface ClueFilter {
  source?: string;
  status?: string;
  region?: string;
  q?: string;
}

export async function listClues(db: Q, scope: import('kysely').Expression<import('kysely').SqlBool>, f: ClueFilter, page: number, pageSize: number) {
  let q = db.selectFrom('clues').where(scope);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.region) q = q.where('region', 'like', f.region.replace(/0{2,4}$/, '') + '%');
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('summary', 'like', like), eb.exists(eb.selectFrom('clue_subjects as s').select('s.clue_id').whereRef('s.clue_id', '=', 'clues.id').where('s.value', '=', f.q!))]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await q
    .select(['id', 'source', 'status', 'subject_type', 'subject', 'summary', 'region', 'created_at', 'case_id', 'report_count', 'details'])
    .orderBy('created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export async function clueSubjects(db: Q, clueId: string) {
  return db.selectFrom('clue_subjects').select(['kind', 'id_type', 'value']).where('clue_id', '=', clueId).execute();
}

export async function clueReports(db: Q, clueId: string) {
  return db.selectFrom('clue_reports').selectAll().where('clue_id', '=', clueId).orderBy('created_at').execute();
}
