// One action on a case by an officer: stage moves, assignment, the decision (with its registry effects)
// and re-inspection. Transfers and the police referral have their own use cases (transfer-case.ts,
// refer-to-police.ts) but enter the history through the same recordAction.

import type { Kysely } from 'kysely';
import { allows } from '../access/policy.js';
import { governs, type Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CasesTable, Database } from '../db/schema.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { AppError } from '../http/errors.js';
import { applyDecision, liftRectification, prepareDecision, type DecisionEffects } from './apply-decision.js';
import { checkAssignee } from './assign.js';
import type { CaseAction } from './case-machine.js';
import { findActionByRequest, findCaseFor } from './cases.repository.js';
import { describeDecision, type DecisionItem } from './decisions.js';
import { recordAction } from './record-action.js';

/** Actions this use case takes; the others go through transfers and the police referral. */
export const OFFICER_ACTIONS = ['assign', 'investigate', 'notify', 'decide', 'execute', 'close', 'revoke', 'reinspect'] as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

export interface ActOnCaseOptions {
  caseId: string;
  action: OfficerAction;
  note?: string | null;
  assigneeId?: string | null;
  items?: DecisionItem[];
  /** reinspect: the institution whose 停业整改 is lifted. */
  uscc?: string | null;
  /** Client-chosen id: a replay returns the first result instead of acting twice. */
  requestId?: string | null;
  actor: Principal;
  now: Date;
}

export interface ActOnCaseResult {
  replay: boolean;
  effects: DecisionEffects | null;
}

/**
 * Who may work a case: its assignee, or an official governing its region who may assign (a supervisor).
 * Inspectors work only the cases assigned to them; a decision needs `cases.decide` as well.
 */
export function mayWork(actor: Principal, c: CasesTable, action: CaseAction): string | null {
  if (!governs(actor, c.region)) return '案件不在本辖区，不能办理';
  if (action === 'assign') return allows(actor, 'cases.assign') ? null : '当前账号不能指派承办人';
  if (action === 'decide' && !allows(actor, 'cases.decide')) return '当前账号不能作出处理决定';
  if (c.assignee_id === actor.id || allows(actor, 'cases.assign')) return null;
  return '只有本案承办人可以办理';
}

export async function actOnCase(db: Kysely<Database>, o: ActOnCaseOptions): Promise<ActOnCaseResult> {
  const note = o.note?.trim() || undefined;
  if (note && note.length > 2000) throw new AppError('bad_request', '办理意见不能超过2000字');
  return db.transaction().execute(async (trx) => {
    const c = await findCaseFor(trx, o.caseId, o.actor);
    if (!c) throw notFound('案件');
    if (o.requestId && (await findActionByRequest(trx, c.id, o.requestId))) return { replay: true, effects: null };
    const why = mayWork(o.actor, c, o.action);
    if (why) throw new AppError('forbidden', why);
    const base = { at: o.now, requestId: o.requestId ?? null };
    switch (o.action) {
      case 'assign': {
        if (!o.assigneeId) throw new AppError('bad_request', '须选择承办人');
        const officer = await checkAssignee(trx, c.region, o.assigneeId);
        await recordAction(trx, c, o.actor, { ...base, action: 'assign', details: { assigneeId: officer.id, assigneeName: officer.display_name, note }, auditDetails: { assigneeId: officer.id } });
        return { replay: false, effects: null };
      }
      case 'decide': {
        const items = await prepareDecision(trx, o.items ?? []);
        await recordAction(trx, c, o.actor, { ...base, action: 'decide', details: { items, note }, auditDetails: { decision: describeDecision(items) } });
        const effects = await applyDecision(trx, c, items, o.now);
        if (effects.certificates.length || effects.licences.length) {
          await appendAudit(trx, o.actor, { action: 'registry.status_change', objectType: 'case', objectId: c.id, region: c.region, details: { caseNo: c.case_no, certificates: effects.certificates, licences: effects.licences } });
        }
        return { replay: false, effects };
      }
      case 'reinspect': {
        const uscc = o.uscc?.trim().toUpperCase() ?? '';
        if (!isValidCreditCode(uscc)) throw new AppError('bad_request', '复查须填写被停业整改机构的统一社会信用代码');
        if (!note) throw new AppError('bad_request', '复查须写明复查结论');
        await recordAction(trx, c, o.actor, { ...base, action: 'reinspect', details: { rectifyUscc: uscc, note }, auditDetails: { uscc } });
        if (!(await liftRectification(trx, c.id, uscc, o.actor.id, note, o.now))) throw new AppError('bad_request', '该机构没有本案未解除的停业整改');
        return { replay: false, effects: null };
      }
      default:
        await recordAction(trx, c, o.actor, { ...base, action: o.action, details: { note }, auditDetails: note ? { note: note.slice(0, 200) } : {} });
        return { replay: false, effects: null };
    }
  });
}
