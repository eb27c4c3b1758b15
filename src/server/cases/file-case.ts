// 立案: an open clue of the caller's jurisdiction becomes a case (optionally assigned at once).

import type { Kysely } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionScope, notFound } from '../access/scope.js';
import type { Database } from '../db/schema.js';
import { namesOfDetails } from '../clues/mask-clue.js';
import { maskText } from '../domain/masking.js';
import { AppError } from '../http/errors.js';
import { insertCase, newCaseNo } from './cases.repository.js';
import { checkAssignee } from './assign.js';
import { recordAction } from './record-action.js';

export interface FileCaseOptions {
  clueId: string;
  title?: string | null;
  assigneeId?: string | null;
  note?: string | null;
  actor: Principal;
  now: Date;
}

export async function fileCase(db: Kysely<Database>, o: FileCaseOptions): Promise<{ caseId: string; replay: boolean }> {
  return db.transaction().execute(async (trx) => {
    const clue = await trx.selectFrom('clues').selectAll().where('id', '=', o.clueId).where(regionScope('clues.region', o.actor)).executeTakeFirst();
    if (!clue) throw notFound('线索');
    // A repeated 立案 of the same clue answers with the case it already became.
    if (clue.status === 'case' && clue.case_id) return { caseId: clue.case_id, replay: true };
    if (clue.status !== 'open') throw new AppError('conflict', '线索已办结，不能立案');
    const region = clue.region ?? o.actor.region;
    if (o.assigneeId) await checkAssignee(trx, region, o.assigneeId);
    const at = o.now.toISOString();
    // The default title is the clue's summary as staff see it (names and ID numbers masked).
    const title = o.title?.trim() || maskText(clue.summary, namesOfDetails(clue.details)).slice(0, 100);
    const caseId = await insertCase(trx, {
      case_no: newCaseNo(o.now),
      clue_id: clue.id,
      region,
      title,
      assignee_id: null,
      state: 'filed',
      stage_since: at,
      deadline: null,
      filed_at: at,
      created_by: o.actor.id,
      version: 0,
    });
    const c = (await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow());
    await recordAction(trx, c, o.actor, { action: 'file', details: { clueId: clue.id, note: o.note?.trim() || undefined }, at: o.now, auditDetails: { clueId: clue.id } });
    if (o.assigneeId) await recordAction(trx, c, o.actor, { action: 'assign', details: { assigneeId: o.assigneeId }, at: o.now, auditDetails: { assigneeId: o.assigneeId } });
    await trx.updateTable('clues').set({ status: 'case', case_id: caseId }).where('id', '=', clue.id).execute();
    return { caseId, replay: false };
  });
}
