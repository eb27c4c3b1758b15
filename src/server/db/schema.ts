// Kysely table types. Dates are ISO text in both dialects (see docs/decisions/002-dates-as-text.md).

import type { Generated } from 'kysely';
import type { CertificateRecord, ChangeRecord, EnterpriseRecord, ExamRecord, SocialInsuranceRecord, StaffingRecord, TrainingRecord } from '../domain/records.js';

// The registry tables hold the contract's normalised records as they are (domain/records.ts);
// exams store `passed` as 0/1, the one type both dialects share.
export type EnterprisesTable = EnterpriseRecord;
export type CertificatesTable = CertificateRecord;
export type StaffingTable = StaffingRecord;
export type SocialInsuranceTable = SocialInsuranceRecord;
export type ChangesTable = ChangeRecord;
export type TrainingTable = TrainingRecord;
export type ExamsTable = Omit<ExamRecord, 'passed'> & { passed: number };

export interface RegionsTable {
  code: string;
  name: string;
  parent: string | null;
  level: string;
}

export interface ImportJobsTable {
  id: string;
  status: string; // queued | running | succeeded | failed
  created_at: string;
  finished_at: string | null;
  created_by: string | null;
  file_names: string; // JSON array
  progress: string | null; // JSON
  report: string | null; // JSON ImportReport
  error: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  /** Jurisdiction: 510000 (province), a city (e.g. 510100) or a county code. */
  region: string;
  /** Enterprise and institution users: the organisation's credit code. */
  org_uscc: string | null;
  status: string; // active | pending | disabled | rejected
  password_changed_at: string | null;
  must_change_password: Generated<number>;
  totp_secret_enc: string | null;
  totp_enrolled_at: string | null;
  totp_used_steps: Generated<string>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface LoginChallengesTable {
  token_hash: string;
  user_id: string;
  stage: string; // totp | totp_enrol | password
  secret_enc: string | null;
  created_at: string;
  expires_at: string;
}

export interface RegistrationsTable {
  id: string;
  user_id: string;
  kind: string; // enterprise | institution
  org_uscc: string;
  org_name: string;
  licence_no: string | null;
  contact_name: string;
  contact_phone: string | null;
  region: string;
  status: string; // pending | approved | rejected
  submitted_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface ScreeningRunsTable {
  id: string;
  status: string;
  as_of: string;
  params: string;
  rules: string;
  created_at: string;
  created_by: string | null;
  finished_at: string | null;
  progress: string | null;
  stats: string | null;
  previous_run_id: string | null;
  hit_count: number | null;
  new_count: number | null;
  gone_count: number | null;
  error: string | null;
}

export interface ScreeningHitsTable {
  run_id: string;
  rule: string;
  subject: string;
  reason: string;
  evidence: string;
  evidence_hash: string;
  region: string | null;
  city: string | null;
  enterprise_uscc: string | null;
  change: string;
  judgement: string | null;
}

export interface HitJudgementsTable {
  rule: string;
  subject: string;
  decision: string;
  reason: string | null;
  evidence_hash: string;
  run_id: string;
  decided_by: string | null;
  decided_at: string;
  clue_id: string | null;
}

export interface CluesTable {
  id: string;
  source: string;
  status: string;
  subject_type: string;
  subject: string;
  summary: string;
  region: string | null;
  details: string | null;
  created_at: string;
  created_by: string | null;
  case_id: string | null;
  closed_reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
  report_count: Generated<number>;
}

// Enforcement (0006): clue subjects and reports, cases and their history, files, transfers, sanctions.
export interface ClueSubjectsTable {
  clue_id: string;
  kind: string;
  id_type: string;
  value: string;
}

export interface ClueReportsTable {
  id: string;
  clue_id: string;
  source: string;
  summary: string;
  details: string;
  created_at: string;
  created_by: string | null;
}

export interface CasesTable {
  id: string;
  case_no: string;
  clue_id: string;
  region: string;
  title: string;
  assignee_id: string | null;
  state: string;
  stage_since: string;
  deadline: string | null;
  filed_at: string;
  created_by: string | null;
  version: number;
}

export interface CaseActionsTable {
  case_id: string;
  seq: number;
  action: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  details: string;
  request_id: string | null;
}

export interface CaseFilesTable {
  id: string;
  case_id: string;
  kind: string;
  name: string;
  size: number;
  sha256: string;
  note: string | null;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface CaseTransfersTable {
  id: string;
  case_id: string;
  kind: string;
  status: string;
  from_region: string;
  to_region: string | null;
  to_unit: string;
  reason: string;
  created_at: string;
  created_by: string | null;
  responded_at: string | null;
  responded_by: string | null;
  response: string | null;
  package_sha256: string | null;
}

export interface DishonestyListTable {
  id: string;
  subject_kind: string;
  subject: string;
  name: string | null;
  reason: string;
  case_id: string;
  region: string;
  listed_at: string;
  until: string | null;
}

export interface RectificationOrdersTable {
  id: string;
  uscc: string;
  case_id: string;
  region: string;
  ordered_at: string;
  requirements: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
  lift_note: string | null;
}

export interface VerificationEventsTable {
  at: string;
  channel: string;
  query: string;
  result: string;
  client_hash: string;
  place_hash: string;
  cert_no: string | null;
  source: string | null;
}

export interface RateLimitCountersTable {
  key: string;
  win: number;
  n: number;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: string;
  private_enc: string;
  status: string; // active | verify | retired | compromised
  created_at: string;
  changed_at: string;
  note: string | null;
}

export interface CredentialRefsTable {
  cert_no: string;
  source: string;
  cid: string;
  idx: number;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_region: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  region: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface RostersTable {
  id: string;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
  org_uscc: string | null;
  org_name: string | null;
  region: string | null;
  file_name: string;
  result_name: string;
  total: number;
  problems: number;
  summary: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

// Tips, inspections, websites (0007).
export interface TipsTable {
  id: string;
  code_hash: string;
  pin_hash: string | null;
  channel: string;
  category: string;
  anonymous: number;
  reporter_name: string | null;
  reporter_phone: string | null;
  region: string;
  subject_cert_no: string | null;
  subject_person: string | null;
  subject_id_no: string | null;
  subject_enterprise: string | null;
  subject_uscc: string | null;
  subject_url: string | null;
  description: string;
  received_at: string;
  due_date: string;
  status: string;
  clue_id: string | null;
  clue_created: Generated<number>;
  lookalike: string | null;
  outcome: string | null;
  valid: number | null;
  closed_at: string | null;
  feedback_due: string | null;
  feedback_at: string | null;
  track_failures: Generated<number>;
  track_locked_until: string | null;
  created_by: string | null;
}

export interface TipMessagesTable {
  id: string;
  tip_id: string;
  author: string;
  staff_id: string | null;
  body: string;
  at: string;
}

export interface TipAttachmentsTable {
  tip_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

export interface TipRewardsTable {
  tip_id: string;
  fine_amount: number | null;
  suggested: number;
  amount: number;
  decision: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string;
  paid_at: string | null;
  paid_by: string | null;
}

export interface InspectionsTable {
  id: string;
  kind: string;
  region: string;
  date: string;
  inspectors: string;
  project_name: string | null;
  project_no: string | null;
  org_uscc: string | null;
  org_name: string | null;
  institution: string | null;
  findings: string | null;
  clue_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface InspectionChecksTable {
  id: string;
  inspection_id: string;
  method: string;
  cert_no: string | null;
  person_name: string | null;
  post: string | null;
  result: string;
  problem: string | null;
  clue_id: string | null;
  checked_at: string;
  checked_by: string | null;
}

export interface OfficialDomainsTable {
  host: string;
  name: string;
  created_at: string;
  created_by: string | null;
}

export interface ReportedWebsitesTable {
  id: string;
  url: string;
  host: string;
  verdict: string;
  reasons: string;
  source: string;
  tip_id: string | null;
  clue_id: string | null;
  region: string;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  login_throttle: LoginThrottleTable;
  login_challenges: LoginChallengesTable;
  registrations: RegistrationsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  rosters: RostersTable;
  screening_runs: ScreeningRunsTable;
  screening_hits: ScreeningHitsTable;
  hit_judgements: HitJudgementsTable;
  clues: CluesTable;
  clue_subjects: ClueSubjectsTable;
  clue_reports: ClueReportsTable;
  cases: CasesTable;
  case_actions: CaseActionsTable;
  case_files: CaseFilesTable;
  case_transfers: CaseTransfersTable;
  dishonesty_list: DishonestyListTable;
  rectification_orders: RectificationOrdersTable;
  enterprises: EnterprisesTable;
  certificates: CertificatesTable;
  staffing: StaffingTable;
  social_insurance: SocialInsuranceTable;
  changes: ChangesTable;
  training: TrainingTable;
  exams: ExamsTable;
  regions: RegionsTable;
  import_jobs: ImportJobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  app_meta: AppMetaTable;
  verification_events: VerificationEventsTable;
  rate_limit_counters: RateLimitCountersTable;
  signing_keys: SigningKeysTable;
  credential_refs: CredentialRefsTable;
  tips: TipsTable;
  tip_messages: TipMessagesTable;
  tip_attachments: TipAttachmentsTable;
  tip_rewards: TipRewardsTable;
  inspections: InspectionsTable;
  inspection_checks: InspectionChecksTable;
  official_domains: OfficialDomainsTable;
  reported_websites: ReportedWebsitesTable;
}

export type Unused = Generated<number>;
