// Screening runs, their hits and judgements: all SQL for them lives here.

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import type { Database } from '../db/schema.js';
import { regionExprScope } from '../registry/registry-scope.js';
import type { Change, StoredJudgement } from './compare-runs.js';
import { hitKey } from './compare-runs.js';

type Q = Kysely<Database> | Transaction<Database>;

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ScreeningRun {
  id: string;
  status: RunStatus;
  asOf: string;
  params: Record<string, unknown>;
  rules: string[];
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: string; done: number; total: number } | null;
  stats: { rules: Array<{ rule: string; hits: number; ms: number }>; loadMs: number; screenMs: number; rows: number } | null;
  previousRunId: string | null;
  hitCount: number | null;
  newCount: number | null;
  goneCount: number | null;
  error: string | null;
}

const toRun = (r: Database['screening_runs']): ScreeningRun => ({
  id: r.id,
  status: r.status as RunStatus,
  asOf: r.as_of,
  params: JSON.parse(r.params),
  rules: JSON.parse(r.rules),
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  progress: r.progress ? JSON.parse(r.progress) : null,
  stats: r.stats ? JSON.parse(r.stats) : null,
  previousRunId: r.previous_run_id,
  hitCount: r.hit_count,
  newCount: r.new_count,
  goneCount: r.gone_count,
  error: r.error,
});

export async function insertRun(db: Q, run: { id: string; asOf: string; params: object; rules: string[]; createdBy: string | null }) {
  await db
    .insertInto('screening_runs')
    .values({
      id: run.id,
      status: 'queued',
      as_of: run.asOf,
      params: JSON.stringify(run.params),
      rules: JSON.stringify(run.rules),
      created_at: new Date().toISOString(),
      created_by: run.createdBy,
      finished_at: null,
      progress: null,
      stats: null,
      previous_run_id: null,
      hit_count: null,
      new_count: null,
      gone_count: null,
      error: null,
    })
    .execute();
}

export async function findRun(db: Q, id: string): Promise<ScreeningRun | null> {
  const r = await db.selectFrom('screening_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

export async function listRuns(db: Q, limit: number): Promise<ScreeningRun[]> {
  return (await db.selectFrom('screening_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute()).map(toRun);
}

export async function updateRun(db: Q, id: string, patch: Partial<Database['screening_runs']>) {
  await db.updateTable('screening_runs').set(patch).where('id', '=', id).execute();
}

/** The newest successful run before this one: what "new" and "gone" are measured against. */
export async function previousSuccessfulRun(db: Q, beforeCreatedAt: string): Promise<string | null> {
  const r = await db
    .selectFrom('screening_runs')
    .select('id')
    .where('status', '=', 'succeeded')
    .where('created_at', '<', beforeCreatedAt)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id ?? null;
}

/** A hit row as stored, without its run. */
export type StoredHit = Omit<Database['screening_hits'], 'run_id' | 'change'> & { change: Change };

/** The current (not gone) hits of a run, keyed by rule + subject. */
export async function currentHitsOf(db: Q, runId: string): Promise<Map<string, StoredHit>> {
  const rows = await db.selectFrom('screening_hits').selectAll().where('run_id', '=', runId).where('change', '<>', 'gone').execute();
  return new Map(rows.map((r) => [hitKey(r.rule, r.subject), r as StoredHit]));
}

export async function allJudgements(db: Q): Promise<Map<string, StoredJudgement>> {
  const rows = await db.selectFrom('hit_judgements').select(['rule', 'subject', 'decision', 'evidence_hash']).execute();
  return new Map(rows.map((r) => [hitKey(r.rule, r.subject), { decision: r.decision as StoredJudgement['decision'], evidenceHash: r.evidence_hash }]));
}

export async function insertHits(db: Q, runId: string, hits: StoredHit[]) {
  for (let i = 0; i < hits.length; i += 500)
    await db
      .insertInto('screening_hits')
      .values(hits.slice(i, i + 500).map(({ rule, subject, reason, evidence, evidence_hash, region, city, enterprise_uscc, change, judgement }) => ({ run_id: runId, rule, subject, reason, evidence, evidence_hash, region, city, enterprise_uscc, change, judgement })))
      .execute();
}

export interface HitFilter {
  rule?: string;
  city?: string;
  region?: string;
  enterprise?: string;
  change?: Change | 'current';
  judgement?: 'pending' | 'confirmed' | 'dismissed' | 'open' | 'all';
  q?: string;
}

/** Hits inside the caller's jurisdiction: by the hit's county, or its city when the county is unknown. */
export const hitScope = (p: Principal, h = 'h') => regionExprScope(sql<string>`coalesce(${sql.ref(`${h}.region`)}, ${sql.ref(`${h}.city`)})`, p);

export function hitQuery(db: Q, p: Principal, runId: string, f: HitFilter) {
  let qb = db.selectFrom('screening_hits as h').leftJoin('enterprises as e', 'e.uscc', 'h.enterprise_uscc').where('h.run_id', '=', runId).where(hitScope(p));
  if (f.rule) qb = qb.where('h.rule', '=', f.rule);
  if (f.city) qb = qb.where('h.city', '=', f.city);
  if (f.region) qb = qb.where('h.region', '=', f.region);
  if (f.enterprise) qb = qb.where('h.enterprise_uscc', '=', f.enterprise);
  const change = f.change ?? 'current';
  if (change === 'current') qb = qb.where('h.change', '<>', 'gone');
  else qb = qb.where('h.change', '=', change);
  const judgement = f.judgement ?? 'open';
  if (judgement === 'open') qb = qb.where((eb) => eb.or([eb('h.judgement', 'is', null), eb('h.judgement', '<>', 'dismissed')]));
  else if (judgement === 'pending') qb = qb.where('h.judgement', 'is', null);
  else if (judgement !== 'all') qb = qb.where('h.judgement', '=', judgement);
  if (f.q) qb = qb.where((eb) => eb.or([eb('h.subject', '=', f.q!.toUpperCase()), eb('h.subject', '=', f.q!), sql<boolean>`h.reason LIKE ${'%' + f.q!.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} ESCAPE '\\'`]));
  return qb;
}

export const HIT_LIST_COLUMNS = ['h.rule', 'h.subject', 'h.reason', 'h.region', 'h.city', 'h.enterprise_uscc', 'e.name as enterprise_name', 'h.change', 'h.judgement'] as const;

/** Counts per rule / city / change, all inside the caller's scope. */
export async function countsBy(db: Q, p: Principal, runId: string, f: HitFilter) {
  const base = hitQuery(db, p, runId, f);
  const byRule = await base.select((eb) => ['h.rule', eb.fn.countAll<number>().as('n')]).groupBy('h.rule').execute();
  const byCity = await base.select((eb) => ['h.city', eb.fn.countAll<number>().as('n')]).groupBy('h.city').execute();
  const byRuleCity = await base.select((eb) => ['h.rule', 'h.city', eb.fn.countAll<number>().as('n')]).groupBy(['h.rule', 'h.city']).execute();
  const byChange = await hitQuery(db, p, runId, { ...f, change: undefined, judgement: 'all' })
    .select((eb) => ['h.rule', 'h.change', 'h.judgement', eb.fn.countAll<number>().as('n')])
    .groupBy(['h.rule', 'h.change', 'h.judgement'])
    .execute();
  const goneByRule = await db
    .selectFrom('screening_hits as h')
    .select((eb) => ['h.rule', eb.fn.countAll<number>().as('n')])
    .where('h.run_id', '=', runId)
    .where('h.change', '=', 'gone')
    .where(hitScope(p))
    .groupBy('h.rule')
    .execute();
  return { byRule, byCity, byRuleCity, byChange, goneByRule };
}

const hitByKey = (db: Q, runId: string, rule: string, subject: string) =>
  db
    .selectFrom('screening_hits as h')
    .leftJoin('enterprises as e', 'e.uscc', 'h.enterprise_uscc')
    .select([...HIT_LIST_COLUMNS, 'h.evidence', 'h.evidence_hash'])
    .where('h.run_id', '=', runId)
    .where('h.rule', '=', rule)
    .where('h.subject', '=', subject);

export async function findHit(db: Q, runId: string, rule: string, subject: string) {
  return hitByKey(db, runId, rule, subject).executeTakeFirst();
}

/** A hit of the run inside the caller's scope (any change state), or undefined. */
export async function findHitInScope(db: Q, p: Principal, runId: string, rule: string, subject: string) {
  return hitByKey(db, runId, rule, subject).where(hitScope(p)).executeTakeFirst();
}

/** A run's counts inside the caller's scope (current hits, new, gone), for runs listed below the province. */
export async function scopedRunCounts(db: Q, p: Principal, runId: string) {
  const rows = await db
    .selectFrom('screening_hits as h')
    .select((eb) => ['h.change', eb.fn.countAll<number>().as('n')])
    .where('h.run_id', '=', runId)
    .where(hitScope(p))
    .groupBy('h.change')
    .execute();
  const of = (c: string) => Number(rows.find((r) => r.change === c)?.n ?? 0);
  return { hitCount: of('new') + of('remaining'), newCount: of('new'), goneCount: of('gone') };
}

export async function findJudgement(db: Q, rule: string, subject: string) {
  return db.selectFrom('hit_judgements').selectAll().where('rule', '=', rule).where('subject', '=', subject).executeTakeFirst();
}

export async function upsertJudgement(db: Q, j: Database['hit_judgements']) {
  await db
    .insertInto('hit_judgements')
    .values(j)
    .onConflict((oc) =>
      oc.columns(['rule', 'subject']).doUpdateSet({
        decision: j.decision,
        reason: j.reason,
        evidence_hash: j.evidence_hash,
        run_id: j.run_id,
        decided_by: j.decided_by,
        decided_at: j.decided_at,
        clue_id: j.clue_id,
      }),
    )
    .execute();
}

/** Reflect a judgement on the hit rows of every run that holds the same evidence. */
export async function applyJudgementToHits(db: Q, rule: string, subject: string, decision: string, evidenceHash: string) {
  await db.updateTable('screening_hits').set({ judgement: decision }).where('rule', '=', rule).where('subject', '=', subject).where('evidence_hash', '=', evidenceHash).execute();
}

export async function failInterruptedRuns(db: Q, heartbeatBefore: string | null): Promise<void> {
  const rows = await db.selectFrom('screening_runs').select(['id', 'progress', 'created_at']).where('status', 'in', ['queued', 'running']).execute();
  for (const r of rows) {
    const hb = r.progress ? (JSON.parse(r.progress).heartbeat as string | undefined) : undefined;
    if (heartbeatBefore !== null && (hb ?? r.created_at) >= heartbeatBefore) continue;
    await updateRun(db, r.id, { status: 'failed', finished_at: new Date().toISOString(), error: '筛查在进行中被中断（服务重启），请重新发起' });
  }
}
