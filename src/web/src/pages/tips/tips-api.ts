// Typed client for the tips API: the public form and tracking, and the staff side.

import { request, withQuery, type Page, type Query } from '../../api.js';

export { TIP_CATEGORIES, suggestedReward } from '../../../../server/tips/tip-rules.js';
export { VERDICT_TEXT } from '../../../../server/websites/verdicts.js';
export const STAFF_CHANNELS = [
  { value: '12350', label: '12350 热线' },
  { value: '12345', label: '12345 热线' },
  { value: 'letter', label: '来信' },
  { value: 'email', label: '电子邮件' },
  { value: 'visit', label: '来访' },
] as const;

export interface TipForm {
  category: string;
  anonymous: boolean;
  reporterName?: string;
  reporterPhone?: string;
  region?: string;
  subjectCertNo?: string;
  subjectPersonName?: string;
  subjectIdNo?: string;
  subjectEnterprise?: string;
  subjectUscc?: string;
  subjectUrl?: string;
  description: string;
  pin?: string;
  channel?: string;
  receivedAt?: string;
}

export interface SubmittedTip {
  id: string;
  trackingCode: string;
  region: string;
  handlingUnit: string;
  dueDate: string;
  clueId: string | null;
  clueCreated: boolean;
  notice: string;
}

export interface TrackedTip {
  trackingCode: string;
  category: string;
  receivedAt: string;
  handlingUnit: string;
  status: string;
  statusText: string;
  progress: string;
  dueDate: string;
  closedAt: string | null;
  messages: Array<{ from: string; body: string; at: string }>;
}

export interface Lookalike {
  host: string;
  verdict: 'official' | 'government' | 'lookalike' | 'unrelated' | 'invalid';
  reasons: string[];
  imitates: string | null;
}

export interface StaffTip {
  id: string;
  channel: string;
  channelLabel: string;
  category: string;
  anonymous: boolean;
  reporterName: string | null;
  reporterPhone: string | null;
  region: string;
  regionName: string;
  handlingUnit: string;
  subjectCertNo: string | null;
  subjectPersonName: string | null;
  subjectIdNo: string | null;
  subjectEnterprise: string | null;
  subjectUscc: string | null;
  subjectUrl: string | null;
  lookalike: Lookalike | null;
  receivedAt: string;
  dueDate: string;
  status: 'received' | 'handling' | 'closed';
  statusText: string;
  clueId: string | null;
  clueCreated: boolean;
  outcome: string | null;
  valid: boolean | null;
  closedAt: string | null;
  feedbackDue: string | null;
  feedbackAt: string | null;
  overdue: boolean;
  feedbackOverdue: boolean;
  daysLeft: number | null;
}

export interface StaffTipDetail extends StaffTip {
  description: string;
  messages: Array<{ from: 'reporter' | 'staff'; body: string; at: string }>;
  attachments: Array<{ name: string; mime: string; size: number; sha256: string }>;
  websites: Array<{ url: string; host: string; verdict: string; reasons: string[] }>;
  reward: { decision: string; fineAmount: number | null; suggested: number; amount: number; reason: string | null; decidedAt: string; paidAt: string | null } | null;
  rewardSuggestion: { fineAmount: number | null; suggested: number; firstValid: boolean };
}

export const tipsApi = {
  submit: (form: TipForm, files: File[]) => {
    if (files.length === 0) return request<SubmittedTip>('/api/public/tips', { method: 'POST', body: form, redirectOn401: false });
    const data = new FormData();
    data.append('tip', JSON.stringify(form));
    for (const f of files) data.append('file', f, f.name);
    return request<SubmittedTip>('/api/public/tips', { method: 'POST', body: data, redirectOn401: false });
  },
  track: (code: string, pin: string) => request<TrackedTip>('/api/public/tips/track', { method: 'POST', body: { code, pin }, redirectOn401: false }),
  sendMessage: (code: string, pin: string, body: string) =>
    request<TrackedTip>('/api/public/tips/track/messages', { method: 'POST', body: { code, pin, body }, redirectOn401: false }),

  list: (q: Query) => request<Page<StaffTip>>(withQuery('/api/tips', q)),
  get: (id: string) => request<StaffTipDetail>(`/api/tips/${encodeURIComponent(id)}`),
  enter: (form: TipForm) => request<SubmittedTip>('/api/tips', { method: 'POST', body: form }),
  reveal: (id: string, reason: string) =>
    request<{ reporterName: string | null; reporterPhone: string | null; subjectPersonName: string | null; subjectIdNo: string | null }>(`/api/tips/${encodeURIComponent(id)}/reveal`, {
      method: 'POST',
      body: { reason },
    }),
  reply: (id: string, body: string) => request<void>(`/api/tips/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { body } }),
  close: (id: string, outcome: string, valid: boolean) => request<void>(`/api/tips/${encodeURIComponent(id)}/close`, { method: 'POST', body: { outcome, valid } }),
  decideReward: (id: string, body: { decision: 'granted' | 'refused'; fineAmount?: number | null; amount?: number | null; reason?: string | null }) =>
    request<{ decision: string; suggested: number; amount: number }>(`/api/tips/${encodeURIComponent(id)}/reward`, { method: 'POST', body }),
  payReward: (id: string) => request<void>(`/api/tips/${encodeURIComponent(id)}/reward/paid`, { method: 'POST' }),
};

export const VERDICT_COLORS: Record<Lookalike['verdict'], string> = { official: 'green', government: 'blue', lookalike: 'red', unrelated: 'default', invalid: 'default' };
