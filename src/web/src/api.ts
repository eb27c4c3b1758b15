// Typed client for the CertGuard HTTP API. The session is an HttpOnly cookie, so every call
// goes out with credentials 'same-origin'; errors arrive as { error: { code, message } }
// with a Chinese message that the UI shows as is.

import type { KindName } from '../../server/domain/records.js';

export type { KindName };

// ---- shapes ---------------------------------------------------------------------------------

export interface User {
  username: string;
  displayName: string;
  role: string;
  region?: string;
  orgUscc?: string | null;
  /** What the account may use (the server's policy table); the console shows only these menus. */
  permissions?: string[];
}

/** One step of the login: done, or what the server needs next. */
export type LoginStep =
  | { status: 'ok'; user: User }
  | { status: 'totp' }
  | { status: 'totp_enrol'; secret: string; otpauthUri: string; qrSvg: string }
  | { status: 'password_change'; reason: 'expired' | 'reset' };

export type AccountStatus = 'active' | 'pending' | 'disabled' | 'rejected';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  region: string;
  regionName: string | null;
  orgUscc: string | null;
  status: AccountStatus;
  createdAt: string;
  passwordChangedAt: string | null;
  totpEnrolled: boolean;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  region: string;
  orgUscc?: string | null;
}

export interface Registration {
  id: string;
  kind: 'enterprise' | 'institution';
  orgUscc: string;
  orgName: string;
  licenceNo: string | null;
  contactName: string;
  contactPhone: string | null;
  username: string;
  region: string;
  regionName: string | null;
  status: 'pending' | 'approved' | 'rejected';
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
}

export interface NewRegistration {
  kind: 'enterprise' | 'institution';
  orgUscc: string;
  orgName?: string;
  licenceNo?: string;
  contactName: string;
  contactPhone?: string;
  username: string;
  password: string;
}

export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
}

export interface ImportFileReport {
  file: string;
  kind: string | null;
  status: 'imported' | 'rejected';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  message: string | null;
}

export interface ImportReport {
  files: ImportFileReport[];
}

export interface ImportProgress {
  fileIndex: number;
  fileCount: number;
  file: string | null;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportJob {
  id: string;
  status: ImportJobStatus;
  createdAt: string;
  finishedAt: string | null;
  fileNames: string[];
  progress: ImportProgress;
  report: ImportReport | null;
  error: string | null;
}

export type RegistryCounts = Record<KindName, number>;

export interface Region {
  code: string;
  name: string;
  parent: string | null;
  level: 'province' | 'city' | 'county';
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface CertificateRow {
  /** Opens the holder in 人员库 (the ID number is shown masked). */
  holder_ref?: string;
  cert_no: string;
  source: string;
  category: string;
  operation: string | null;
  operation_name: string | null;
  name: string;
  id_no: string;
  employer_uscc: string | null;
  employer_name: string | null;
  issuer: string | null;
  issued: string | null;
  expires: string | null;
  status: string;
  expired: boolean;
}

export interface EnterpriseRow {
  uscc: string;
  uscc_valid: boolean;
  name: string;
  region: string | null;
  region_name: string | null;
  license_no: string | null;
  license_expires: string | null;
  license_status: string | null;
  certificate_count: number;
}

export interface PersonRow {
  /** Opaque reference that opens the person (the ID number is shown masked). */
  ref: string;
  id_no: string;
  name: string;
  id_valid: boolean;
  certificate_count: number;
}

export interface StaffingEntry {
  project_no: string;
  project_name: string | null;
  project_region: string | null;
  contractor_uscc: string | null;
  role: string | null;
  cert_no: string | null;
  start: string | null;
  end: string | null;
}

export interface InsuranceEntry {
  employer_uscc: string;
  month: string;
}

export interface ChangeEntry {
  cert_no: string;
  from_uscc: string | null;
  to_uscc: string | null;
  date: string;
}

export interface TrainingEntry {
  institution_uscc: string | null;
  class_no: string;
  category: string | null;
  start: string | null;
  end: string | null;
  hours: number | null;
}

export interface ExamEntry {
  sitting_no: string;
  site_no: string | null;
  category: string | null;
  start: string | null;
  submitted: string | null;
  score: number | null;
  passed: boolean | null;
}

export interface PersonDetail {
  ref: string;
  /** True when this answer is a logged reveal in full; otherwise names and ID numbers are masked. */
  revealed: boolean;
  person: {
    id_no: string;
    name: string;
    id_valid: boolean;
    birth_date: string | null;
    gender: '男' | '女' | null;
  };
  certificates: CertificateRow[];
  staffing: StaffingEntry[];
  social_insurance: InsuranceEntry[];
  changes: ChangeEntry[];
  training: TrainingEntry[];
  exams: ExamEntry[];
}

// ---- screening (大数据筛查) -----------------------------------------------------------------

export type ScreeningRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ScreeningRule {
  id: string;
  name: string;
  subjectType: string;
  description: string;
}

/** Thresholds of the 14 rules; numbers only, per-category training hours nested. */
export type ScreeningParams = Record<string, number | Record<string, number>>;

export interface ScreeningRun {
  id: string;
  status: ScreeningRunStatus;
  asOf: string;
  params: ScreeningParams;
  rules: string[];
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: 'loading' | 'screening' | 'saving'; done: number; total: number } | null;
  stats: {
    rules: Array<{ rule: string; hits: number; ms: number }>;
    loadMs: number;
    screenMs: number;
    rows: number;
  } | null;
  previousRunId: string | null;
  hitCount: number | null;
  newCount: number | null;
  goneCount: number | null;
  error: string | null;
}

export type HitChange = 'new' | 'remaining' | 'gone';
export type HitJudgement = 'confirmed' | 'dismissed';

export interface ScreeningSummary {
  byRule: Array<{
    rule: string;
    name: string;
    count: number;
    new: number;
    gone: number;
    confirmed: number;
    dismissed: number;
  }>;
  byCity: Array<{ city: string | null; name: string; count: number }>;
  byRuleCity: Array<{ rule: string; city: string | null; count: number }>;
}

export interface ScreeningHit {
  rule: string;
  rule_name: string;
  /** Shown masked when it is a person's ID number. */
  subject: string;
  /** Opens the hit and judges it (sealed when the subject is a person). */
  subject_ref: string;
  reason: string;
  region: string | null;
  region_name: string | null;
  city: string | null;
  city_name: string | null;
  enterprise_uscc: string | null;
  enterprise_name: string | null;
  change: HitChange;
  judgement: HitJudgement | null;
}

export interface HitEvidence {
  kind: string;
  kindLabel: string;
  row: Record<string, unknown>;
}

export interface StoredJudgement {
  rule: string;
  subject: string;
  decision: HitJudgement;
  reason: string | null;
  run_id: string;
  decided_by: string | null;
  decided_at: string;
  clue_id: string | null;
}

export interface ScreeningHitDetail {
  hit: ScreeningHit & { evidence: HitEvidence[]; evidenceChangedSinceJudgement: boolean };
  judgement: StoredJudgement | null;
  rule: { id: string; name: string; description: string } | null;
}

/** A stored roster check (企业自查记录). */
export interface RosterRecord {
  id: string;
  createdAt: string;
  createdBy: string | null;
  orgUscc: string | null;
  orgName: string | null;
  region: string | null;
  regionName: string | null;
  fileName: string;
  resultName: string;
  total: number;
  problems: number;
  summary: Record<string, number>;
  downloadUrl: string;
}

/** Query strings of the three registry lists; empty values are dropped before sending. */
export type Query = Record<string, string | number | undefined>;

// ---- transport ------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The app installs this once: a 401 from any console call sends the user to the login page. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Calls whose 401 is an expected answer (login, who-am-I, the public portal) opt out. */
  redirectOn401?: boolean;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const { method = 'GET', body, redirectOn401 = true } = options;
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (response.ok) return response;
  const error = await readError(response);
  if (response.status === 401 && redirectOn401) onUnauthorized();
  throw error;
}

async function readError(response: Response): Promise<ApiError> {
  return errorFrom(response.status, await response.text().catch(() => ''));
}

function errorFrom(status: number, body: string): ApiError {
  let code = `http_${status}`;
  let message = status === 401 ? '登录已失效，请重新登录' : `请求失败（HTTP ${status}）`;
  try {
    const payload = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (payload.error?.code) code = payload.error.code;
    if (payload.error?.message) message = payload.error.message;
  } catch {
    // Not JSON (a proxy error page, say): keep the generic message.
  }
  return new ApiError(status, code, message);
}

export type UploadProgress = (sent: number, total: number) => void;

/** A multipart POST through XMLHttpRequest, the one browser API that reports upload progress. */
function upload<T>(path: string, form: FormData, onProgress?: UploadProgress): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', '服务器返回的内容无法识别'));
        }
        return;
      }
      if (xhr.status === 401) onUnauthorized();
      reject(errorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '上传失败：无法连接服务器，请检查网络后重试'));
    xhr.send(form);
  });
}

/** A JSON call (or FormData upload) with the session cookie; for feature modules with their own typed clients. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file the API generates (Excel exports and reports) under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send(path, {});
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

// ---- endpoints ------------------------------------------------------------------------------

export const api = {
  health: () => request<{ status: string }>('/api/health', { redirectOn401: false }),

  /** Login is a few steps: password, then the TOTP code (or its enrolment), then a new password when due. */
  login: (username: string, password: string) =>
    request<LoginStep>('/api/auth/login', { method: 'POST', body: { username, password }, redirectOn401: false }),
  loginTotp: (code: string) => request<LoginStep>('/api/auth/login/totp', { method: 'POST', body: { code }, redirectOn401: false }),
  loginNewPassword: (newPassword: string) =>
    request<LoginStep>('/api/auth/login/password', { method: 'POST', body: { newPassword }, redirectOn401: false }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ user: User }>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),

  accounts: (query: Query) => request<Page<Account>>(withQuery('/api/accounts', query)),
  createAccount: (body: NewAccount) => request<{ account: Account; password: string }>('/api/accounts', { method: 'POST', body }),
  setAccountEnabled: (id: string, enabled: boolean) =>
    request<{ account: Account }>(`/api/accounts/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST', body: {} }),
  resetAccount: (id: string) =>
    request<{ account: Account; password: string }>(`/api/accounts/${encodeURIComponent(id)}/reset`, { method: 'POST', body: {} }),
  /** Public self-registration of an enterprise or institution. */
  register: (body: NewRegistration) =>
    request<{ registration: Registration }>('/api/registrations', { method: 'POST', body, redirectOn401: false }),
  registrations: (status?: Registration['status']) => request<{ items: Registration[] }>(withQuery('/api/registrations', { status })),
  decideRegistration: (id: string, decision: 'approve' | 'reject', reason?: string) =>
    request<{ registration: Registration }>(`/api/registrations/${encodeURIComponent(id)}/${decision}`, { method: 'POST', body: reason ? { reason } : {} }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST', redirectOn401: false }),
  me: () => request<{ user: User; permissions: string[] }>('/api/auth/me', { redirectOn401: false }),

  startImport: (files: File[], kind: KindName | null, onProgress?: UploadProgress) => {
    const form = new FormData();
    // The kind goes first so a streaming parser knows it before the files arrive.
    if (kind) form.append('kind', kind);
    for (const file of files) form.append('file', file, file.name);
    return upload<{ job: ImportJob }>('/api/imports', form, onProgress);
  },
  listImports: () => request<{ items: ImportJob[] }>('/api/imports'),
  getImport: (id: string) => request<{ job: ImportJob }>(`/api/imports/${encodeURIComponent(id)}`),
  importReportUrl: (id: string) => `/api/imports/${encodeURIComponent(id)}/report.xlsx`,

  /** Public aggregates: the portal shows them without a session, so no redirect on 401. */
  summary: (redirectOn401 = true) => request<{ counts: RegistryCounts }>('/api/registry/summary', { redirectOn401 }),
  regions: () => request<{ items: Region[] }>('/api/regions'),

  certificates: (query: Query) => request<Page<CertificateRow>>(withQuery('/api/registry/certificates', query)),
  enterprises: (query: Query) => request<Page<EnterpriseRow>>(withQuery('/api/registry/enterprises', query)),
  persons: (query: Query) => request<Page<PersonRow>>(withQuery('/api/registry/persons', query)),
  person: (ref: string) => request<PersonDetail>(`/api/registry/persons/${encodeURIComponent(ref)}`),
  /** The person in full, with a stated reason (recorded in the audit log). */
  revealPerson: (ref: string, reason: string) =>
    request<PersonDetail>(`/api/registry/persons/${encodeURIComponent(ref)}/reveal`, { method: 'POST', body: { reason } }),
  /** Counts inside the caller's jurisdiction (null: not shown below the province). */
  counts: () => request<{ counts: Partial<Record<KindName, number | null>> }>('/api/registry/counts'),
  rosterChecks: (query: Query) => request<Page<RosterRecord>>(withQuery('/api/roster/checks', query)),

  exportUrl: (list: 'certificates' | 'enterprises' | 'persons', query: Query) =>
    withQuery(`/api/registry/${list}/export.xlsx`, query),

  screeningRules: () => request<{ rules: ScreeningRule[]; params: ScreeningParams }>('/api/screening/rules'),
  startScreening: (body: { asOf?: string; rules?: string[]; params?: ScreeningParams }) =>
    request<{ run: ScreeningRun }>('/api/screening/runs', { method: 'POST', body }),
  screeningRuns: () => request<{ items: ScreeningRun[] }>('/api/screening/runs'),
  screeningRun: (id: string) => request<{ run: ScreeningRun }>(`/api/screening/runs/${encodeURIComponent(id)}`),
  screeningSummary: (id: string, query: Query) =>
    request<ScreeningSummary>(withQuery(`/api/screening/runs/${encodeURIComponent(id)}/summary`, query)),
  screeningHits: (id: string, query: Query) =>
    request<Page<ScreeningHit>>(withQuery(`/api/screening/runs/${encodeURIComponent(id)}/hits`, query)),
  screeningHit: (id: string, rule: string, subject: string) =>
    request<ScreeningHitDetail>(
      `/api/screening/runs/${encodeURIComponent(id)}/hits/${encodeURIComponent(rule)}/${encodeURIComponent(subject)}`,
    ),
  screeningExportUrl: (id: string, query: Query) =>
    withQuery(`/api/screening/runs/${encodeURIComponent(id)}/export.xlsx`, query),
  /** Confirming turns the hit into a clue (线索); dismissing needs a reason. */
  judgeHit: (body: { runId: string; rule: string; subject: string; decision: HitJudgement; reason?: string }) =>
    request<{ judgement: StoredJudgement; clueId: string | null }>('/api/screening/judgements', {
      method: 'POST',
      body,
    }),
};
