// Tips (举报), their messages, attachments and rewards: all SQL for them lives here.

import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionScope } from '../access/scope.js';
import type { Database, TipAttachmentsTable, TipMessagesTable, TipRewardsTable, TipsTable } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;
export type TipRow = Omit<TipsTable, 'clue_created' | 'track_failures'> & { clue_created: number; track_failures: number };

export async function insertTip(db: Q, row: TipRow): Promise<void> {
  await db.insertInto('tips').values(row).execute();
}

export async function insertAttachments(db: Q, rows: TipAttachmentsTable[]): Promise<void> {
  if (rows.length) await db.insertInto('tip_attachments').values(rows).onConflict((oc) => oc.columns(['tip_id', 'sha256']).doNothing()).execute();
}

export async function tipByCodeHash(db: Q, codeHash: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function setTrackFailures(db: Q, id: string, failures: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('tips').set({ track_failures: failures, track_locked_until: lockedUntil }).where('id', '=', id).execute();
}

/** A tip inside the caller's jurisdiction, or undefined (not there or not theirs: the same). */
export async function tipInScope(db: Q, p: Principal, id: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('id', '=', id).where(regionScope('tips.region', p)).executeTakeFirst();
}

export interface TipFilters {
  status?: string;
  category?: string;
  channel?: string;
  region?: string;
  /** Only those past a deadline on `today`. */
  overdue?: boolean;
  today: string;
  limit: number;
  offset: number;
}

export async function listTips(db: Q, p: Principal, f: TipFilters) {
  let q = db.selectFrom('tips').where(regionScope('tips.region', p));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.region) q = q.where('region', 'like', `${f.region.replace(/0+$/, '')}%`);
  if (f.overdue)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('status', '!=', 'closed'), eb('due_date', '<', f.today)]),
        eb.and([eb('status', '=', 'closed'), eb('feedback_at', 'is', null), eb('feedback_due', '<', f.today)]),
      ]),
    );
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('received_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as TipRow[], total: Number(total.n) };
}

export async function updateTip(db: Q, id: string, set: Partial<TipRow>): Promise<void> {
  await db.updateTable('tips').set(set).where('id', '=', id).execute();
}

export async function messagesOf(db: Q, tipId: string): Promise<TipMessagesTable[]> {
  return db.selectFrom('tip_messages').selectAll().where('tip_id', '=', tipId).orderBy('at').orderBy('id').execute();
}

export async function insertMessage(db: Q, row: TipMessagesTable): Promise<void> {
  await db.insertInto('tip_messages').values(row).execute();
}

export async function attachmentsOf(db: Q, tipId: string): Promise<TipAttachmentsTable[]> {
  return db.selectFrom('tip_attachments').selectAll().where('tip_id', '=', tipId).orderBy('name').execute();
}

/** Every tip on the same clue (the same subject), for "only the first valid tipster is rewarded". */
export async function tipsOnClue(db: Q, clueId: string) {
  return db.selectFrom('tips').select(['id', 'received_at', 'valid']).where('clue_id', '=', clueId).execute();
}

export async function rewardOf(db: Q, tipId: string): Promise<TipRewardsTable | undefined> {
  return db.selectFrom('tip_rewards').selectAll().where('tip_id', '=', tipId).executeTakeFirst();
}

export async function rewardsOnClue(db: Q, clueId: string) {
  return db
    .selectFrom('tip_rewards as r')
    .innerJoin('tips as t', 't.id', 'r.tip_id')
    .select(['r.tip_id', 'r.decision'])
    .where('t.clue_id', '=', clueId)
    .execute();
}

export async function insertReward(db: Q, row: TipRewardsTable): Promise<void> {
  await db.insertInto('tip_rewards').values(row).execute();
}

export async function markRewardPaid(db: Q, tipId: string, paidAt: string, paidBy: string): Promise<void> {
  await db.updateTable('tip_rewards').set({ paid_at: paidAt, paid_by: paidBy }).where('tip_id', '=', tipId).execute();
}

/** The fines of the decision on the clue's case (yuan), or null when no decision names a fine. */
export async function caseFineOf(db: Q, clueId: string): Promise<number | null> {
  const clue = await db.selectFrom('clues').select('case_id').where('id', '=', clueId).executeTakeFirst();
  if (!clue?.case_id) return null;
  const decision = await db
    .selectFrom('case_actions')
    .select('details')
    .where('case_id', '=', clue.case_id)
    .where('action', '=', 'decide')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!decision) return null;
  const items = (JSON.parse(decision.details) as { items?: Array<{ type: string; amount?: number }> }).items ?? [];
  const fines = items.filter((i) => i.type === 'fine' && typeof i.amount === 'number');
  return fines.length ? fines.reduce((s, i) => s + i.amount!, 0) : null;
}
