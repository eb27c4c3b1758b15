// 不予立案: an open clue is closed with a stated reason, which the reporter will read.

import type { Kysely } from 'kysely';
import type { Principal } from '../access/roles.js';
import { notFound, regionScope } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';

export async function dismissClue(db: Kysely<Database>, o: { clueId: string; reason: string; actor: Principal; now: Date }): Promise<{ replay: boolean }> {
  const reason = o.reason.trim();
  if (reason.length < 4) throw new AppError('bad_request', '不予立案须写明理由（至少4个字），理由将告知举报人');
  if (reason.length > 500) throw new AppError('bad_request', '不予立案理由不能超过500字');
  return db.transaction().execute(async (trx) => {
    const clue = await trx.selectFrom('clues').select(['id', 'status', 'region', 'closed_reason']).where('id', '=', o.clueId).where(regionScope('clues.region', o.actor)).executeTakeFirst();
    if (!clue) throw notFound('线索');
    if (clue.status === 'dismissed' && clue.closed_reason === reason) return { replay: true };
    if (clue.status !== 'open') throw new AppError('conflict', clue.status === 'case' ? '线索已立案，请在案件中处理' : '线索已办结');
    await trx.updateTable('clues').set({ status: 'dismissed', closed_reason: reason, closed_at: o.now.toISOString(), closed_by: o.actor.id }).where('id', '=', clue.id).execute();
    await appendAudit(trx, o.actor, { action: 'clue.dismiss', objectType: 'clue', objectId: clue.id, region: clue.region, details: { reason } });
    return { replay: false };
  });
}
