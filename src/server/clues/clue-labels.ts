// Where clues come from and how they stand, with their Chinese names. Pure (the web app imports it).

import { VERDICT_TEXT } from '../websites/verdicts.js';

export const CLUE_SOURCES = ['screening', 'tip', 'inspection', 'verification', 'manual', 'transfer'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const CLUE_SOURCE_LABELS: Record<ClueSource, string> = {
  screening: '大数据筛查',
  tip: '群众举报',
  inspection: '执法检查',
  verification: '核验异常',
  manual: '人工录入',
  transfer: '外部移送',
};

export const CLUE_STATUSES = ['open', 'case', 'closed', 'dismissed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];
export const CLUE_STATUS_LABELS: Record<ClueStatus, string> = { open: '待处理', case: '已立案', closed: '已办结', dismissed: '不予立案' };

/** The 疑似仿冒 tag a clue shows when one of its reports carries a website look-alike verdict. */
export interface LookalikeTag {
  label: string;
  host: string;
  /** The official host it imitates, if known. */
  imitates: string | null;
  reasons: string[];
  /** One line for a tooltip or a description: the host and why it looks like a fake. */
  reason: string;
}

/**
 * The tag of the first details object (a clue's, or its reports') whose `lookalike` verdict is
 * 'lookalike' (as tips and the website check store it); null when none is. Tolerates any shape.
 */
export function lookalikeTag(detailsList: readonly unknown[]): LookalikeTag | null {
  for (const details of detailsList) {
    const v = typeof details === 'object' && details !== null ? (details as { lookalike?: unknown }).lookalike : undefined;
    if (typeof v !== 'object' || v === null) continue;
    const l = v as { verdict?: unknown; host?: unknown; imitates?: unknown; reasons?: unknown };
    if (l.verdict !== 'lookalike') continue;
    const host = typeof l.host === 'string' ? l.host : '';
    const imitates = typeof l.imitates === 'string' && l.imitates ? l.imitates : null;
    const reasons = Array.isArray(l.reasons) ? l.reasons.filter((r): r is string => typeof r === 'string' && r.length > 0) : [];
    const why = reasons.length ? reasons.join('；') : imitates ? `仿冒官方网站 ${imitates}` : '与官方网站相似';
    return { label: VERDICT_TEXT.lookalike, host, imitates, reasons, reason: host ? `${host}：${why}` : why };
  }
  return null;
}
