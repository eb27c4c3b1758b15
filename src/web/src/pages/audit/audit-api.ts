// The auditors' API (审计日志): typed calls for the page.

import { request, withQuery, type Page, type Query } from '../../api.js';

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  actorRegion: string | null;
  action: string;
  actionLabel: string;
  objectType: string | null;
  objectId: string | null;
  region: string | null;
  regionName: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  checkedAt: string;
  firstBreak: { seq: number; reason: string; entry: { seq: number; at: string; action: string } | null } | null;
}

export const auditApi = {
  entries: (query: Query) => request<Page<AuditEntry>>(withQuery('/api/audit', query)),
  actions: () => request<{ items: Array<{ action: string; label: string }> }>('/api/audit/actions'),
  exportUrl: (query: Query) => withQuery('/api/audit/export', query),
  verify: () => request<AuditCheck>('/api/audit/verify'),
};
