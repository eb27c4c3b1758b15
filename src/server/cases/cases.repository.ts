// Cases (案件): all SQL for cases, their action history, files, transfers and sanctions lives here.

import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { regionScope } from '../access/scope.js';
import type { Principal } from '../access/roles.js';
import type { CaseActionsTable, CasesTable, Database } from '../db/schema.js';
import type { CaseAction, CaseEvent, CaseState, CaseView } from './case-machine.js';
import { checkDeadlineConfig, DEFAULT_DEADLINES, stageDeadline, type DeadlineConfig } from './deadlines.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The cases a principal may see: those of their jurisdiction (inspectors: only those assigned to them),
 * and those a pending transfer offers to their jurisdiction.
 */
export function caseScope(p: Principal): Expression<SqlBool> {
  const own = p.role === 'inspector' ? sql<SqlBool>`(${regionScope('cases.region', p)} and cases.assignee_id = ${p.id})` : regionScope('cases.region', p);
  if (p.role === 'inspector') return own;
  return sql<SqlBool>`(${own} or exists (select 1 from case_transfers t where t.case_id = cases.id and t.kind = 'region' and t.status = 'pending' and ${regionScope('t.to_region', p)}))`;
}

/** One case inside the principal's scope, or undefined. */
export async function findCaseFor(db: Q, id: string, p: Principal): Promise<CasesTable | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).where(caseScope(p)).executeTakeFirst();
}

export async function findCase(db: Q, id: string): Promise<CasesTable | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseHistory(db: Q, caseId: string): Promise<CaseActionsTable[]> {
  return db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** The entries of the history the state machine reads (files and notes change no state). */
export function machineEvents(rows: readonly CaseActionsTable[]): CaseEvent[] {
  return rows.filter((r) => r.action !== 'attach' && r.action !== 'note').map((r) => ({ action: r.action as CaseAction, at: r.at, details: JSON.parse(r.details) }));
}

/** A new case number: 案 + year + 6 random hex digits (unique index guards the rare clash). */
export function newCaseNo(now: Date): string {
  return `案${now.getUTCFullYear()}${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function insertCase(db: Q, row: Omit<CasesTable, 'id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('cases').values({ id, ...row }).execute();
  return id;
}

export interface NewAction {
  action: string;
  at: string;
  actor: Principal | null;
  details: object;
  requestId?: string | null;
}

/** Append one entry to the history (seq = previous + 1; the primary key refuses a concurrent duplicate). */
export async function appendAction(db: Q, caseId: string, a: NewAction): Promise<number> {
  const last = await db.selectFrom('case_actions').select((eb) => eb.fn.max('seq').as('seq')).where('case_id', '=', caseId).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await db
    .insertInto('case_actions')
    .values({ case_id: caseId, seq, action: a.action, at: a.at, actor_id: a.actor?.id ?? null, actor_name: a.actor?.displayName ?? null, details: JSON.stringify(a.details), request_id: a.requestId ?? null })
    .execute();
  return seq;
}

export async function findActionByRequest(db: Q, caseId: string, requestId: string) {
  return db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).where('request_id', '=', requestId).executeTakeFirst();
}

/** Rewrite the case's projection of its history; `version` guards against a concurrent writer. */
export async function saveProjection(db: Q, c: CasesTable, view: CaseView, deadline: string | null, region = c.region): Promise<void> {
  const r = await db
    .updateTable('cases')
    .set({ state: view.state, stage_since: view.stageSince, deadline, assignee_id: view.assigneeId, region, version: c.version + 1 })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error('case changed concurrently');
}

export interface CaseFilter {
  state?: string;
  overdue?: boolean;
  assignee?: string;
  region?: string;
  q?: string;
  now: Date;
}

function filtered(db: Q, p: Principal, f: CaseFilter) {
  let q = db.selectFrom('cases').leftJoin('users as u', 'u.id', 'cases.assignee_id').where(caseScope(p));
  if (f.state === 'active') q = q.where('cases.state', 'not in', ['closed', 'revoked']);
  else if (f.state) q = q.where('cases.state', '=', f.state);
  if (f.overdue) q = q.where('cases.deadline', '<', f.now.toISOString());
  if (f.assignee === 'me') q = q.where('cases.assignee_id', '=', p.id);
  else if (f.assignee === 'none') q = q.where('cases.assignee_id', 'is', null);
  else if (f.assignee) q = q.where('cases.assignee_id', '=', f.assignee);
  if (f.region) q = q.where('cases.region', 'like', f.region.replace(/0{2,4}$/, '') + '%');
  if (f.q) q = q.where((eb) => eb.or([eb('cases.case_no', 'like', `%${f.q}%`), eb('cases.title', 'like', `%${f.q}%`)]));
  return q;
}

export async function listCases(db: Q, p: Principal, f: CaseFilter, page: number, pageSize: number) {
  const base = filtered(db, p, f);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base
    .select(['cases.id', 'cases.case_no', 'cases.title', 'cases.region', 'cases.state', 'cases.assignee_id', 'u.display_name as assignee_name', 'cases.deadline', 'cases.filed_at', 'cases.stage_since'])
    .orderBy('cases.filed_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

/** Counts for the dashboard: active cases, overdue ones, by state; all inside the principal's scope. */
export async function caseCounts(db: Q, p: Principal, now: Date) {
  const byState = await db.selectFrom('cases').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where(caseScope(p)).groupBy('state').execute();
  const overdue = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(caseScope(p))
    .where('deadline', '<', now.toISOString())
    .executeTakeFirstOrThrow();
  const unassigned = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(caseScope(p))
    .where('assignee_id', 'is', null)
    .where('state', 'not in', ['closed', 'revoked'])
    .executeTakeFirstOrThrow();
  const states = Object.fromEntries(byState.map((r) => [r.state, Number(r.n)]));
  const active = byState.filter((r) => r.state !== 'closed' && r.state !== 'revoked').reduce((s, r) => s + Number(r.n), 0);
  return { active, overdue: Number(overdue.n), unassigned: Number(unassigned.n), byState: states };
}

// ---- files ----

export async function insertFile(db: Q, row: Database['case_files']): Promise<void> {
  await db.insertInto('case_files').values(row).execute();
}

export async function caseFiles(db: Q, caseId: string) {
  return db.selectFrom('case_files').selectAll().where('case_id', '=', caseId).orderBy('uploaded_at').execute();
}

export async function findFile(db: Q, caseId: string, fileId: string) {
  return db.selectFrom('case_files').selectAll().where('case_id', '=', caseId).where('id', '=', fileId).executeTakeFirst();
}

// ---- transfers ----

export async function caseTransfers(db: Q, caseId: string) {
  return db.selectFrom('case_transfers').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function pendingTransfer(db: Q, caseId: string, kind: 'region' | 'police') {
  return db.selectFrom('case_transfers').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).where('status', '=', 'pending').executeTakeFirst();
}

export async function findTransfer(db: Q, id: string) {
  return db.selectFrom('case_transfers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Region transfers waiting for the principal's jurisdiction. */
export async function incomingTransfers(db: Q, p: Principal) {
  return db
    .selectFrom('case_transfers as t')
    .innerJoin('cases', 'cases.id', 't.case_id')
    .select(['t.id', 't.case_id', 't.from_region', 't.to_region', 't.to_unit', 't.reason', 't.created_at', 'cases.case_no', 'cases.title'])
    .where('t.kind', '=', 'region')
    .where('t.status', '=', 'pending')
    .where(regionScope('t.to_region', p))
    .orderBy('t.created_at')
    .execute();
}

// ---- officers a case may be assigned to ----

/** Active officials and inspectors whose jurisdiction covers the case's region. */
export async function assignableOfficers(db: Q, region: string) {
  const covering = [region, region.slice(0, 4) + '00', region.slice(0, 2) + '0000'];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'region'])
    .where('role', 'in', ['official', 'inspector', 'admin'])
    .where('status', '=', 'active')
    .where('region', 'in', [...new Set(covering)])
    .orderBy('region', 'desc')
    .orderBy('username')
    .execute();
}

// ---- deadline configuration (app_meta) ----

const DEADLINES_KEY = 'cases.deadlines';

export async function loadDeadlineConfig(db: Q): Promise<DeadlineConfig> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', DEADLINES_KEY).executeTakeFirst();
  if (!row) return DEFAULT_DEADLINES;
  const r = checkDeadlineConfig(JSON.parse(row.value));
  return r.ok ? r.config : DEFAULT_DEADLINES;
}

export async function saveDeadlineConfig(db: Q, config: DeadlineConfig): Promise<void> {
  const value = JSON.stringify(config);
  await db.insertInto('app_meta').values({ key: DEADLINES_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/**
 * Apply a new configuration to every open case: its stage's deadline counted again from when it
 * entered the stage (and capped from 立案). Each case's version moves, so an action recorded
 * concurrently under the old figures fails its version check instead of writing them back. Returns
 * how many deadlines changed.
 */
export async function recomputeOpenDeadlines(db: Q, config: DeadlineConfig): Promise<number> {
  const open = await db
    .selectFrom('cases')
    .select(['id', 'state', 'stage_since', 'filed_at', 'deadline', 'version'])
    .where('state', 'not in', ['closed', 'revoked'])
    .execute();
  let changed = 0;
  for (const c of open) {
    // A referred case's deadline is the police receipt's; once the receipt is in, it has none.
    const view = { state: c.state as CaseState, stageSince: c.stage_since, filedAt: c.filed_at, policeAcknowledged: c.state === 'referred' && c.deadline === null };
    const deadline = stageDeadline(view, config);
    if (deadline === c.deadline) continue;
    await db.updateTable('cases').set({ deadline, version: c.version + 1 }).where('id', '=', c.id).where('version', '=', c.version).execute();
    changed++;
  }
  return changed;
}
