// Transfer of a case to another region or department inside the system (移送): the receiving
// jurisdiction accepts (the case, its clue and its evidence move there; the sender no longer sees it)
// or rejects with a reason (the case returns to the sender as it was). Both ends are in the history.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { governs, regionWithin, type Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import type { Database } from '../db/schema.js';
import { regionByCode } from '../domain/regions.js';
import { AppError } from '../http/errors.js';
import { mayWork } from './act-on-case.js';
import { findCase, findCaseFor, findTransfer } from './cases.repository.js';
import { recordAction } from './record-action.js';

export interface TransferCaseOptions {
  caseId: string;
  toRegion: string;
  toUnit: string;
  reason: string;
  actor: Principal;
  now: Date;
}

export async function transferCase(db: Kysely<Database>, o: TransferCaseOptions): Promise<{ transferId: string }> {
  const toUnit = o.toUnit.trim();
  const reason = o.reason.trim();
  const target = regionByCode(o.toRegion);
  if (!target) throw new AppError('bad_request', `接收地区代码“${o.toRegion}”不是四川省的行政区划`);
  if (!toUnit) throw new AppError('bad_request', '须填写接收单位名称');
  if (reason.length < 4) throw new AppError('bad_request', '须写明移送理由（至少4个字）');
  return db.transaction().execute(async (trx) => {
    const c = await findCaseFor(trx, o.caseId, o.actor);
    if (!c) throw notFound('案件');
    const why = mayWork(o.actor, c, 'transfer_out');
    if (why) throw new AppError('forbidden', why);
    if (o.toRegion === c.region) throw new AppError('bad_request', '接收地区与案件所在地区相同');
    const transferId = randomUUID();
    await recordAction(trx, c, o.actor, {
      action: 'transfer_out',
      at: o.now,
      details: { transferId, toRegion: o.toRegion, toRegionName: target.name, toUnit, reason },
      auditDetails: { transferId, toRegion: o.toRegion, toUnit },
    });
    await trx
      .insertInto('case_transfers')
      .values({ id: transferId, case_id: c.id, kind: 'region', status: 'pending', from_region: c.region, to_region: o.toRegion, to_unit: toUnit, reason, created_at: o.now.toISOString(), created_by: o.actor.id, responded_at: null, responded_by: null, response: null, package_sha256: null })
      .execute();
    return { transferId };
  });
}

export interface AnswerTransferOptions {
  transferId: string;
  accept: boolean;
  reason?: string | null;
  actor: Principal;
  now: Date;
}

export async function answerTransfer(db: Kysely<Database>, o: AnswerTransferOptions): Promise<{ caseId: string; replay: boolean }> {
  const reason = o.reason?.trim() || null;
  if (!o.accept && (!reason || reason.length < 4)) throw new AppError('bad_request', '退回移送须写明理由（至少4个字）');
  return db.transaction().execute(async (trx) => {
    const t = await findTransfer(trx, o.transferId);
    // Only the receiving jurisdiction sees the transfer at all.
    if (!t || t.kind !== 'region' || !t.to_region || !regionWithin(t.to_region, o.actor.region) || !governs(o.actor, t.to_region)) throw notFound('移送');
    const wanted = o.accept ? 'accepted' : 'rejected';
    if (t.status === wanted) return { caseId: t.case_id, replay: true };
    if (t.status !== 'pending') throw new AppError('conflict', '该移送已处理');
    const c = await findCase(trx, t.case_id);
    if (!c) throw notFound('案件');
    const region = o.accept ? t.to_region : c.region;
    await recordAction(trx, c, o.actor, {
      action: o.accept ? 'transfer_accept' : 'transfer_reject',
      at: o.now,
      region,
      details: { transferId: t.id, fromRegion: t.from_region, toRegion: t.to_region, reason: reason ?? undefined },
      auditDetails: { transferId: t.id, fromRegion: t.from_region, toRegion: t.to_region, reason },
    });
    await trx.updateTable('case_transfers').set({ status: wanted, responded_at: o.now.toISOString(), responded_by: o.actor.id, response: reason }).where('id', '=', t.id).execute();
    // The clue follows its case, so the receiving jurisdiction sees where the case came from.
    if (o.accept) await trx.updateTable('clues').set({ region }).where('id', '=', c.clue_id).execute();
    return { caseId: c.id, replay: false };
  });
}
