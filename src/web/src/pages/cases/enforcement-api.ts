// Typed client for the enforcement API: clues (线索), cases (案件), decisions, files and transfers.

import { download, request, withQuery, type Query } from '../../api.js';

export { SUBJECT_KIND_LABELS, SUBJECT_KINDS } from '../../../../server/clues/subjects.js';
export { CLUE_SOURCE_LABELS, CLUE_STATUS_LABELS, lookalikeTag, type LookalikeTag } from '../../../../server/clues/clue-labels.js';
import type { LookalikeTag } from '../../../../server/clues/clue-labels.js';
export { CASE_STATE_LABELS } from '../../../../server/cases/case-machine.js';
export { DECISION_LABELS } from '../../../../server/cases/decisions.js';

export interface ClueRow {
  id: string;
  source: string;
  source_label: string;
  status: string;
  status_label: string;
  subject: string;
  summary: string;
  region: string | null;
  region_name: string | null;
  created_at: string;
  case_id: string | null;
  report_count: number;
  /** The 疑似仿冒 tag (list only): the clue's details carry a website look-alike verdict. */
  lookalike?: LookalikeTag | null;
}

export interface ClueDetail extends Omit<ClueRow, 'subject'> {
  closed_reason: string | null;
  subjects: Array<{ kind: string; kind_label: string; value: string }>;
  reports: Array<{ id: string; source_label: string; summary: string; created_at: string; details: Record<string, unknown> }>;
  case: { id: string; case_no: string; state_label: string } | null;
  progress: { status: string; label: string; text: string } | null;
}

export interface DishonestyRow {
  id: string;
  subjectKind: string;
  subjectKindLabel: string;
  /** A person's ID number arrives masked. */
  subject: string;
  name: string | null;
  reason: string;
  caseId: string;
  caseNo: string | null;
  regionName: string | null;
  listedAt: string;
  until: string | null;
  inForce: boolean;
}

export interface CaseRow {
  id: string;
  case_no: string;
  title: string;
  region_name: string | null;
  state: string;
  state_label: string;
  assignee_name: string | null;
  deadline: string | null;
  overdue: boolean;
  filed_at: string;
}

export interface CaseFile {
  id: string;
  kind: string;
  kind_label: string;
  name: string;
  size: number;
  sha256: string;
  note: string | null;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface CaseDetail extends CaseRow {
  region: string;
  stage_since: string;
  assignee_id: string | null;
  decision_text: string | null;
  allowed_actions: Array<{ action: string; label: string }>;
  incoming_transfer: { id: string; from_region_name: string | null; to_unit: string; reason: string } | null;
  clue: { id: string; source_label: string; summary: string; subjects: Array<{ kind_label: string; value: string }> } | null;
  history: Array<{ seq: number; action: string; label: string; at: string; actor_name: string | null; details: Record<string, unknown> }>;
  files: CaseFile[];
  transfers: Array<{ id: string; kind: string; status: string; to_unit: string; to_region_name: string | null; reason: string; created_at: string; response: unknown; package_sha256: string | null }>;
  rectifications: Array<{ uscc: string; ordered_at: string; lifted_at: string | null }>;
}

export type { DecisionItem } from '../../../../server/cases/decisions.js';
import type { DecisionItem } from '../../../../server/cases/decisions.js';
import type { DeadlineConfig } from '../../../../server/cases/deadlines.js';

export interface Officer {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_name: string | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** A fresh id per click: a retried request is answered with the first result instead of acting twice. */
function requestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const enforcementApi = {
  clues: (q: Query) => request<Page<ClueRow>>(withQuery('/api/clues', q)),
  clue: (id: string) => request<{ clue: ClueDetail }>(`/api/clues/${id}`).then((r) => r.clue),
  newClue: (body: { subjects: Array<{ kind: string; value: string }>; summary: string; region?: string; note?: string }) =>
    request<{ id: string; created: boolean; regionName: string | null; inJurisdiction: boolean }>('/api/clues', { method: 'POST', body }),
  clueFromSignal: (certNo: string, reasons: string[]) => request<{ id: string; created: boolean; regionName: string | null }>('/api/clues/from-signal', { method: 'POST', body: { certNo, reasons } }),
  fileClue: (id: string, body: { title?: string; assigneeId?: string; note?: string }) => request<{ caseId: string }>(`/api/clues/${id}/file`, { method: 'POST', body }),
  dismissClue: (id: string, reason: string) => request<{ replay: boolean }>(`/api/clues/${id}/dismiss`, { method: 'POST', body: { reason } }),

  cases: (q: Query) => request<Page<CaseRow>>(withQuery('/api/cases', q)),
  dishonesty: (q: Query) => request<Page<DishonestyRow>>(withQuery('/api/dishonesty', q)),
  deadlines: () => request<{ config: DeadlineConfig; labels: Record<keyof DeadlineConfig, string> }>('/api/cases/deadlines'),
  saveDeadlines: (config: DeadlineConfig) => request<{ config: DeadlineConfig; recomputed: number }>('/api/cases/deadlines', { method: 'PUT', body: config }),
  summary: () => request<{ active: number; overdue: number; unassigned: number; incomingTransfers: number }>('/api/cases/summary'),
  case: (id: string) => request<{ case: CaseDetail }>(`/api/cases/${id}`).then((r) => r.case),
  assignees: (id: string) => request<{ items: Officer[] }>(`/api/cases/${id}/assignees`).then((r) => r.items),
  act: (id: string, body: { action: string; note?: string; assigneeId?: string; items?: DecisionItem[]; uscc?: string }) =>
    request<{ replay: boolean }>(`/api/cases/${id}/actions`, { method: 'POST', body: { ...body, requestId: requestId() } }),
  upload: (id: string, file: File, kind: string, note: string) => {
    // Fields before the file: the server reads them with the file part.
    const form = new FormData();
    form.append('kind', kind);
    if (note) form.append('note', note);
    form.append('file', file);
    return request<{ id: string; sha256: string }>(`/api/cases/${id}/files`, { method: 'POST', body: form });
  },
  downloadFile: (id: string, file: CaseFile) => download(`/api/cases/${id}/files/${file.id}`, file.name),
  transfer: (id: string, body: { toRegion: string; toUnit: string; reason: string }) => request<{ transferId: string }>(`/api/cases/${id}/transfers`, { method: 'POST', body }),
  referPolice: (id: string, body: { toUnit: string; reason: string }) => request<{ packageFileId: string; sha256: string }>(`/api/cases/${id}/police`, { method: 'POST', body }),
  policeReceipt: (id: string, body: { receivedBy: string; receivedOn: string; docNo: string; fileId?: string }) => request<{ ok: boolean }>(`/api/cases/${id}/police/receipt`, { method: 'POST', body }),
  answerTransfer: (transferId: string, accept: boolean, reason?: string) =>
    request<{ caseId: string }>(`/api/transfers/${transferId}/${accept ? 'accept' : 'reject'}`, { method: 'POST', body: { reason } }),
};
