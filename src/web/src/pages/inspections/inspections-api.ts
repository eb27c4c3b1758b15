// Typed client for the inspections API (逢查必检).

import { request, withQuery, type Page, type Query } from '../../api.js';

export interface Inspection {
  id: string;
  kind: 'site' | 'institution';
  region: string;
  regionName: string;
  date: string;
  inspectors: string[];
  projectName: string | null;
  projectNo: string | null;
  orgUscc: string | null;
  orgName: string | null;
  institution: { videoReviewed: boolean; videoNotes: string | null; callsMade: number; callsConfirmed: number; filesChecked: number; fileProblems: number } | null;
  findings: string | null;
  clueId: string | null;
  createdAt: string;
  checks?: number;
  problems?: number;
}

export interface SiteCheck {
  id: string;
  method: 'qr' | 'typed' | 'none';
  certNo: string | null;
  personName: string | null;
  holderName?: string | null;
  result: string;
  label: string;
  problem: string | null;
  detail?: string;
  clueId: string | null;
  clueCreated?: boolean;
  checkedAt?: string;
}

export type NewInspection = {
  kind: 'site' | 'institution';
  region: string;
  date: string;
  inspectors: string[];
  projectName?: string;
  projectNo?: string;
  orgUscc?: string;
  orgName?: string;
  videoReviewed?: boolean;
  videoNotes?: string;
  callsMade?: number;
  callsConfirmed?: number;
  filesChecked?: number;
  fileProblems?: number;
  findings?: string;
  openClue?: boolean;
};

export type CheckRequest =
  | { method: 'qr'; scanned: string; personName?: string }
  | { method: 'typed'; certNo: string; personName: string }
  | { method: 'none'; personName: string; idNo: string; post?: string };

export const inspectionsApi = {
  list: (q: Query) => request<Page<Inspection>>(withQuery('/api/inspections', q)),
  get: (id: string) => request<Inspection & { checks: SiteCheck[] }>(`/api/inspections/${encodeURIComponent(id)}`),
  create: (body: NewInspection) => request<Inspection>('/api/inspections', { method: 'POST', body }),
  check: (id: string, body: CheckRequest) => request<SiteCheck>(`/api/inspections/${encodeURIComponent(id)}/checks`, { method: 'POST', body }),
};
