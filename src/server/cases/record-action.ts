// The one way an action enters a case's history: check it against the state machine, append it,
// rewrite the projection (state, stage, deadline, assignee, region) and audit it — all in the caller's
// transaction.

import type { Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CasesTable, Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { CASE_ACTION_LABELS, foldCase, step, type CaseAction, type CaseEvent, type CaseView } from './case-machine.js';
import { appendAction, caseHistory, findCase, loadDeadlineConfig, machineEvents, saveProjection } from './cases.repository.js';
import { stageDeadline } from './deadlines.js';

export interface RecordedAction {
  view: CaseView;
  seq: number;
}

/** The case's state now; null before its first entry (立案). */
export async function currentView(trx: Transaction<Database>, caseId: string): Promise<CaseView | null> {
  const events = machineEvents(await caseHistory(trx, caseId));
  return events.length ? foldCase(events) : null;
}

/**
 * Record `action` on case `c`. `details` go to the history as they are (the machine reads assigneeId,
 * items, rectifyUscc); `auditDetails` (masked) to the audit log. `region` moves the case (transfers).
 */
export async function recordAction(
  trx: Transaction<Database>,
  c: CasesTable,
  actor: Principal,
  o: { action: CaseAction; details: CaseEvent['details'] & Record<string, unknown>; at: Date; requestId?: string | null; region?: string; auditDetails?: Record<string, unknown> },
): Promise<RecordedAction> {
  const before = await currentView(trx, c.id);
  const at = o.at.toISOString();
  const r = step(before, { action: o.action, at, details: o.details });
  if (!r.ok) throw new AppError('conflict', r.message);
  const seq = await appendAction(trx, c.id, { action: o.action, at, actor, details: o.details, requestId: o.requestId ?? null });
  const deadline = stageDeadline(r.view, await loadDeadlineConfig(trx));
  // The caller's row may predate an earlier action in this transaction: project onto the current one.
  const fresh = (await findCase(trx, c.id)) ?? c;
  await saveProjection(trx, fresh, r.view, deadline, o.region ?? fresh.region);
  await appendAudit(trx, actor, {
    action: `case.${o.action}`,
    objectType: 'case',
    objectId: c.id,
    region: o.region ?? c.region,
    details: { caseNo: c.case_no, label: CASE_ACTION_LABELS[o.action], from: before?.state ?? null, to: r.view.state, ...(o.auditDetails ?? {}) },
  });
  return { view: r.view, seq };
}

/** Append a history entry that changes no state (an attached file, a note), with its audit entry. */
export async function recordNote(
  trx: Transaction<Database>,
  c: CasesTable,
  actor: Principal,
  o: { action: 'attach' | 'note'; details: Record<string, unknown>; at: Date; auditDetails?: Record<string, unknown> },
): Promise<number> {
  const seq = await appendAction(trx, c.id, { action: o.action, at: o.at.toISOString(), actor, details: o.details });
  await appendAudit(trx, actor, { action: `case.${o.action}`, objectType: 'case', objectId: c.id, region: c.region, details: { caseNo: c.case_no, ...(o.auditDetails ?? o.details) } });
  return seq;
}
