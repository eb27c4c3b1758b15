// Tip rules: categories, channels, deadlines and rewards. Pure: data in, decision out.

import { addDays } from '../domain/dates.js';

export const TIP_CATEGORIES = ['假证书', '挂证/借证', '无证上岗', '假冒政府网站', '虚假培训或广告', '培训考试作弊', '黑中介', '其他'] as const;
export type TipCategory = (typeof TIP_CATEGORIES)[number];

export const TIP_CHANNELS = { web: '网上举报', '12350': '12350 热线', '12345': '12345 热线', letter: '来信', email: '电子邮件', visit: '来访' } as const;
export type TipChannel = keyof typeof TIP_CHANNELS;

// Deadlines of the national complaint rules (2012): decide within 60 days of receipt, tell the tipster
// within 10 days of closing. Days are calendar days in China Standard Time.
export const HANDLING_DAYS = 60;
export const FEEDBACK_DAYS = 10;

export const STATUS_TEXT = { received: '已受理', handling: '办理中', closed: '已办结' } as const;
export type TipStatus = keyof typeof STATUS_TEXT;

export function handlingDueDate(receivedDay: string): string {
  return addDays(receivedDay, HANDLING_DAYS);
}

export function feedbackDueDate(closedDay: string): string {
  return addDays(closedDay, FEEDBACK_DAYS);
}

export interface DeadlineState {
  /** Past the handling deadline and not closed. */
  overdue: boolean;
  /** Closed, not yet told to the tipster, and past the feedback deadline. */
  feedbackOverdue: boolean;
  /** Days left to the deadline that applies now (negative: overdue), null when nothing is due. */
  daysLeft: number | null;
}

const dayDiff = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function deadlineState(t: { status: string; due_date: string; feedback_due: string | null; feedback_at: string | null }, today: string): DeadlineState {
  if (t.status !== 'closed') return { overdue: today > t.due_date, feedbackOverdue: false, daysLeft: dayDiff(today, t.due_date) };
  if (t.feedback_at || !t.feedback_due) return { overdue: false, feedbackOverdue: false, daysLeft: null };
  return { overdue: false, feedbackOverdue: today > t.feedback_due, daysLeft: dayDiff(today, t.feedback_due) };
}

// Rewards (四川省 2021): 15 % of the fine, at least 3,000 and at most 300,000 yuan; 1,000 yuan when the
// case ends without a fine; only the first valid tipster on a subject is rewarded. Amounts in yuan.
export const REWARD = { rate: 0.15, min: 3000, max: 300_000, noFine: 1000 } as const;

export function suggestedReward(fineAmount: number | null): number {
  if (!fineAmount || fineAmount <= 0) return REWARD.noFine;
  return Math.min(REWARD.max, Math.max(REWARD.min, Math.round(fineAmount * REWARD.rate * 100) / 100));
}

/**
 * Is `tip` the first valid tipster among the tips on the same clue (subject)? Tips judged invalid
 * (valid = 0) do not count; ties on the receipt time go to the earlier id, so exactly one is first.
 */
export function isFirstValidTip(tip: { id: string; received_at: string }, sameSubject: Array<{ id: string; received_at: string; valid: number | null }>): boolean {
  const contenders = sameSubject.filter((t) => t.valid !== 0 || t.id === tip.id);
  contenders.sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.id < b.id ? -1 : 1));
  return contenders[0]?.id === tip.id;
}

/** The handling unit people are told about: the region's housing department. */
export function handlingUnit(regionName: string | null, level: 'province' | 'city' | 'county'): string {
  if (level === 'province' || !regionName) return '四川省住房和城乡建设厅';
  return `${regionName}住房和城乡建设局`;
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
