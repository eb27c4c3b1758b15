// Chinese labels for codes the API returns. The kind and certificate tables come from the
// server's domain modules (pure, no Node imports), so the console never drifts from the importer.

import { KIND_LABELS, KIND_NAMES, type KindName } from '../../server/domain/records.js';
import {
  CATEGORY_LABELS,
  CERT_CATEGORIES,
  CERT_STATUSES,
  LICENCE_STATUSES,
  OPERATION_LABELS,
} from '../../server/domain/certificates.js';

export { KIND_LABELS, KIND_NAMES, CATEGORY_LABELS, CERT_CATEGORIES, LICENCE_STATUSES, OPERATION_LABELS };
export type { KindName };

export const kindLabel = (kind: string | null | undefined): string =>
  kind && kind in KIND_LABELS ? KIND_LABELS[kind as KindName] : (kind ?? '未识别');

export const CERT_STATUS_LABELS: readonly string[] = CERT_STATUSES.map((s) => s.label);

/** The label of a certificate state, accepting the national codes 01-07 as well. */
export function certStatusLabel(status: string | null | undefined): string {
  if (!status) return '—';
  const byCode = CERT_STATUSES.find((s) => s.code === status);
  return byCode ? byCode.label : status;
}

/** Tag colours: green for usable, orange for paused, red for punitive, grey for ended. */
const STATUS_COLORS: Record<string, string> = {
  有效: 'green',
  暂扣: 'orange',
  撤销: 'red',
  吊销: 'red',
  注销: 'default',
  失效: 'default',
  办理转出: 'blue',
};
export const statusColor = (label: string): string => STATUS_COLORS[label] ?? 'default';

/** `source` is empty or 'own' for the issuing registry, else the department that shared it. */
export function sourceLabel(source: string | null | undefined): string {
  if (!source || source === 'own') return '本库';
  if (source === 'external') return '部门共享';
  return `部门共享（${source}）`;
}
export const isOwnSource = (source: string | null | undefined): boolean => !source || source === 'own';

export const IMPORT_STATUS_LABELS: Record<string, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '导入中', color: 'processing' },
  succeeded: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

/** Counting words for the registry statistics. */
export const KIND_UNITS: Record<KindName, string> = {
  enterprises: '家',
  certificates: '本',
  external_certificates: '本',
  staffing: '条',
  social_insurance: '条',
  changes: '条',
  training: '条',
  exams: '条',
};
