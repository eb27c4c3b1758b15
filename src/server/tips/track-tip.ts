// trackTip: the reporter follows their tip with the tracking code and PIN. A wrong code and a wrong PIN
// get the same answer in the same time (the PIN is hashed either way); five wrong PINs on one code lock
// it for 15 minutes, and a locked code answers exactly as a wrong one does.

import type { Kysely } from 'kysely';
import { clueProgress } from '../clues/clues.repository.js';
import type { Database } from '../db/schema.js';
import { verifyPin } from './pin.js';
import { STATUS_TEXT, type TipStatus } from './tip-rules.js';
import { messagesOf, setTrackFailures, tipByCodeHash, type TipRow } from './tips.repository.js';
import { canonicalCode, codeHash, groupCode } from './tracking-code.js';
import { unitOf } from './submit-tip.js';

export const MAX_PIN_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** The tip behind a code and PIN, or null for every kind of "no". */
export async function openTrackedTip(db: Kysely<Database>, code: string, pin: string, now: Date): Promise<TipRow | null> {
  const row = await tipByCodeHash(db, codeHash(code));
  const pinOk = await verifyPin(pin, row?.pin_hash ?? null);
  if (!row) return null;
  const locked = row.track_locked_until !== null && row.track_locked_until > now.toISOString();
  if (locked) return null;
  if (!pinOk) {
    const failures = row.track_failures + 1;
    if (failures >= MAX_PIN_FAILURES) await setTrackFailures(db, row.id, 0, new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString());
    else await setTrackFailures(db, row.id, failures, null);
    return null;
  }
  if (row.track_failures > 0 || row.track_locked_until) await setTrackFailures(db, row.id, 0, null);
  return row;
}

/** What the reporter sees: progress and the message exchange, nothing about anyone else. */
export async function trackingView(db: Kysely<Database>, row: TipRow, code: string) {
  const progress = row.status === 'closed' ? null : row.clue_id ? await clueProgress(db, row.clue_id) : null;
  const status = row.status as TipStatus;
  return {
    trackingCode: groupCode(canonicalCode(code)!),
    category: row.category,
    receivedAt: row.received_at,
    handlingUnit: unitOf(row.region),
    status,
    // Staff close the tip; until then the case's own end (or a dismissal) already reads as the outcome.
    statusText: status !== 'closed' && progress && (progress.status === 'closed' || progress.status === 'dismissed') ? progress.label : (STATUS_TEXT[status] ?? row.status),
    progress:
      status === 'closed'
        ? `已办结：${row.outcome ?? ''}`
        : (progress?.text ?? '已受理：您反映的情况已登记，正在核实举报对象。'),
    dueDate: row.due_date,
    closedAt: row.closed_at,
    messages: (await messagesOf(db, row.id)).map((m) => ({ from: m.author === 'staff' ? '办理单位' : '我', body: m.body, at: m.at })),
  };
}
