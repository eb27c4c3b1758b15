// Stage deadlines (办案期限). Pure: the deadline of the stage a case is in, and whether it has passed.
//
// 《行政处罚法》(2021) art. 60: a decision within 90 days of 立案 — every stage before the decision is
// capped by it. The other figures are the department's working defaults, configurable per stage.

import type { CaseState, CaseView } from './case-machine.js';

export interface DeadlineConfig {
  /** Days from 立案 to the start of the investigation. */
  filed: number;
  /** Days for 调查取证. */
  investigating: number;
  /** Days from 告知 to the decision (the hearing/statement period is inside it). */
  notified: number;
  /** Days from 立案 to the decision, capping every stage before it. */
  decisionFromFiling: number;
  /** Days from the decision to the start of execution. */
  decided: number;
  /** Days for 执行. */
  executing: number;
  /** Days for the police's receipt (回执) after 移送. */
  referred: number;
  /** Days for the receiving jurisdiction to accept or reject a transfer. */
  transferring: number;
}

export const DEFAULT_DEADLINES: DeadlineConfig = {
  filed: 7,
  investigating: 30,
  notified: 15,
  decisionFromFiling: 90,
  decided: 15,
  executing: 90,
  referred: 30,
  transferring: 15,
};

export const DEADLINE_LABELS: Record<keyof DeadlineConfig, string> = {
  filed: '立案后开始调查（天）',
  investigating: '调查取证（天）',
  notified: '告知后作出决定（天）',
  decisionFromFiling: '立案至作出决定（天，行政处罚法第六十条）',
  decided: '决定后开始执行（天）',
  executing: '执行（天）',
  referred: '移送公安后取得回执（天）',
  transferring: '移送后接收方处理（天）',
};

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** The deadline of the stage the case is in (ISO), or null for a stage without one (closed, revoked, acknowledged). */
export function stageDeadline(view: Pick<CaseView, 'state' | 'stageSince' | 'filedAt' | 'policeAcknowledged'>, config: DeadlineConfig = DEFAULT_DEADLINES): string | null {
  const state: CaseState = view.state;
  if (state === 'closed' || state === 'revoked' || (state === 'referred' && view.policeAcknowledged)) return null;
  const own = addDays(view.stageSince, config[state]);
  if (state === 'filed' || state === 'investigating' || state === 'notified') {
    const cap = addDays(view.filedAt, config.decisionFromFiling);
    return own < cap ? own : cap;
  }
  return own;
}

export function isOverdue(deadline: string | null, now: Date): boolean {
  return deadline !== null && Date.parse(deadline) < now.getTime();
}

/** Validate a configuration from the console: whole days from 1 to 3650 for every stage. */
export function checkDeadlineConfig(input: Record<string, unknown>): { ok: true; config: DeadlineConfig } | { ok: false; message: string } {
  const config = { ...DEFAULT_DEADLINES };
  for (const key of Object.keys(DEFAULT_DEADLINES) as Array<keyof DeadlineConfig>) {
    if (input[key] === undefined) continue;
    const v = input[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 3650) return { ok: false, message: `${DEADLINE_LABELS[key]}须为1到3650之间的整数` };
    config[key] = v;
  }
  return { ok: true, config };
}
