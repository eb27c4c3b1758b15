// The normalised records of the eight data-exchange kinds (contract §2), as stored and as screened.
// Dates are `YYYY-MM-DD`, date-times `YYYY-MM-DD HH:MM:SS`, year-months `YYYY-MM` (China Standard Time).
// Optional values are null; identity columns that may be empty are '' so that uniqueness holds.

export interface EnterpriseRecord {
  uscc: string;
  name: string;
  region: string;
  license_no: string | null;
  license_expires: string | null;
  license_status: string | null; // 有效 / 暂扣 / 吊销 / 注销 / 失效
}

export interface CertificateRecord {
  cert_no: string;
  /** '' for the issuing registry (certificates); the sharing department for external_certificates. */
  source: string;
  category: string; // A B C1 C2 C3 TZ
  operation: string | null; // TZ only, 2 digits
  name: string;
  id_no: string;
  employer_uscc: string | null;
  issuer: string | null;
  issued: string;
  expires: string;
  status: string; // 有效 暂扣 撤销 注销 失效 办理转出 吊销
}

export interface StaffingRecord {
  project_no: string;
  project_name: string | null;
  project_region: string | null;
  contractor_uscc: string;
  role: string | null;
  name: string | null;
  id_no: string;
  cert_no: string; // '' when none was presented
  start: string;
  end: string | null;
}

export interface SocialInsuranceRecord {
  id_no: string;
  name: string | null;
  employer_uscc: string;
  month: string;
}

export interface ChangeRecord {
  cert_no: string;
  id_no: string;
  from_uscc: string | null;
  to_uscc: string;
  date: string;
}

export interface TrainingRecord {
  institution_uscc: string | null;
  class_no: string;
  id_no: string;
  name: string | null;
  category: string; // A B C1 C2 C3 TZ JX
  start: string;
  end: string;
  hours: number;
}

export interface ExamRecord {
  institution_uscc: string | null;
  site_no: string | null;
  sitting_no: string;
  id_no: string;
  name: string | null;
  category: string;
  start: string;
  submitted: string;
  score: number | null;
  passed: boolean;
  answers_hash: string | null;
}

/** Everything screening reads: the whole imported dataset. */
export interface Dataset {
  enterprises: EnterpriseRecord[];
  certificates: CertificateRecord[]; // own registry and shared departments' (source ≠ '')
  staffing: StaffingRecord[];
  social_insurance: SocialInsuranceRecord[];
  changes: ChangeRecord[];
  training: TrainingRecord[];
  exams: ExamRecord[];
}

export const KIND_NAMES = [
  'enterprises',
  'certificates',
  'external_certificates',
  'staffing',
  'social_insurance',
  'changes',
  'training',
  'exams',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

export const KIND_LABELS: Record<KindName, string> = {
  enterprises: '企业',
  certificates: '证书',
  external_certificates: '部门共享证书',
  staffing: '项目人员',
  social_insurance: '社保参保',
  changes: '变更记录',
  training: '培训记录',
  exams: '考试记录',
};
