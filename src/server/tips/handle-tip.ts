// What staff do with a tip: write to the reporter, close it with an outcome, decide and pay a reward,
// reveal the reporter's identity. Each writes its audit entry in the same transaction.

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { todayCst } from '../domain/dates.js';
import { AppError } from '../http/errors.js';
import { feedbackDueDate, isFirstValidTip, suggestedReward } from './tip-rules.js';
import { caseFineOf, insertMessage, insertReward, markRewardPaid, rewardOf, rewardsOnClue, tipsOnClue, updateTip, type TipRow } from './tips.repository.js';

type Trx = Transaction<Database>;

const audit = (trx: Trx, actor: Principal | null, tip: TipRow, action: string, details: Record<string, unknown>) =>
  appendAudit(trx, actor, { action, objectType: 'tip', objectId: tip.id, region: tip.region, details });

export function checkMessage(body: unknown): string {
  const s = typeof body === 'string' ? body.trim() : '';
  if (!s) throw new AppError('bad_request', '留言内容：请填写');
  if (s.length > 2000) throw new AppError('bad_request', '留言内容：不能超过 2000 个字');
  return s;
}

/** A message in the exchange. A staff message on a closed tip is the feedback the rules ask for. */
export async function addMessage(trx: Trx, tip: TipRow, actor: Principal | null, body: string, now: Date): Promise<void> {
  await insertMessage(trx, { id: randomUUID(), tip_id: tip.id, author: actor ? 'staff' : 'reporter', staff_id: actor?.id ?? null, body, at: now.toISOString() });
  const isFeedback = actor !== null && tip.status === 'closed' && !tip.feedback_at;
  if (isFeedback) await updateTip(trx, tip.id, { feedback_at: now.toISOString() });
  await audit(trx, actor, tip, actor ? 'tip.reply' : 'tip.message', { length: body.length, feedback: isFeedback });
}

export async function closeTip(trx: Trx, tip: TipRow, actor: Principal, o: { outcome: string; valid: boolean }, now: Date): Promise<void> {
  if (tip.status === 'closed') throw new AppError('conflict', '该举报已办结');
  const outcome = o.outcome.trim();
  if (outcome.length < 4) throw new AppError('bad_request', '办理结果：请写明核查情况和处理结果（至少 4 个字）');
  const closedDay = todayCst(now);
  await updateTip(trx, tip.id, { status: 'closed', outcome, valid: o.valid ? 1 : 0, closed_at: now.toISOString(), feedback_due: feedbackDueDate(closedDay) });
  await audit(trx, actor, tip, 'tip.close', { valid: o.valid, feedbackDue: feedbackDueDate(closedDay), overdue: closedDay > tip.due_date });
}

export async function rewardSuggestion(trx: Trx | import('kysely').Kysely<Database>, tip: TipRow) {
  const fine = tip.clue_id ? await caseFineOf(trx, tip.clue_id) : null;
  const first = tip.clue_id ? isFirstValidTip(tip, await tipsOnClue(trx, tip.clue_id)) : true;
  return { fineAmount: fine, suggested: suggestedReward(fine), firstValid: first };
}

export async function decideReward(
  trx: Trx,
  tip: TipRow,
  actor: Principal,
  o: { decision: 'granted' | 'refused'; fineAmount: number | null; amount: number | null; reason: string | null },
  now: Date,
) {
  if (await rewardOf(trx, tip.id)) throw new AppError('conflict', '该举报的奖励已经决定');
  if (tip.status !== 'closed') throw new AppError('conflict', '举报办结后才能决定奖励');
  if (o.fineAmount !== null && (o.fineAmount < 0 || o.fineAmount > 10_000_000)) throw new AppError('bad_request', '罚款金额：应在 0 至 1000 万元之间');
  const fine = o.fineAmount ?? (tip.clue_id ? await caseFineOf(trx, tip.clue_id) : null);
  const suggested = suggestedReward(fine);
  let amount = 0;
  if (o.decision === 'granted') {
    if (tip.valid !== 1) throw new AppError('conflict', '该举报未被认定为有效举报，不予奖励');
    if (tip.clue_id) {
      if (!isFirstValidTip(tip, await tipsOnClue(trx, tip.clue_id)))
        throw new AppError('conflict', '同一举报对象已有更早的有效举报，只奖励第一个有效举报人');
      if ((await rewardsOnClue(trx, tip.clue_id)).some((r) => r.decision === 'granted'))
        throw new AppError('conflict', '同一举报对象已发放过奖励');
    }
    amount = o.amount ?? suggested;
    if (amount <= 0 || amount > 300_000) throw new AppError('bad_request', '奖励金额：应在 0 至 30 万元之间');
  } else if (!o.reason?.trim()) throw new AppError('bad_request', '不予奖励的理由：请填写');
  await insertReward(trx, {
    tip_id: tip.id,
    fine_amount: fine,
    suggested,
    amount,
    decision: o.decision,
    reason: o.reason?.trim() || null,
    decided_by: actor.id,
    decided_at: now.toISOString(),
    paid_at: null,
    paid_by: null,
  });
  await audit(trx, actor, tip, 'tip.reward_decide', { decision: o.decision, fineAmount: fine, suggested, amount });
  return { decision: o.decision, fineAmount: fine, suggested, amount };
}

export async function payReward(trx: Trx, tip: TipRow, actor: Principal, now: Date) {
  const r = await rewardOf(trx, tip.id);
  if (!r || r.decision !== 'granted') throw new AppError('conflict', '该举报没有决定发放的奖励');
  if (r.paid_at) throw new AppError('conflict', '奖励已登记发放');
  await markRewardPaid(trx, tip.id, now.toISOString(), actor.id);
  await audit(trx, actor, tip, 'tip.reward_pay', { amount: r.amount });
}
