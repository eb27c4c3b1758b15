// Where clues come from and how they stand, with their Chinese names. Pure (the web app imports it).

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
