// Factories for screening tests: valid, unremarkable records by default, so each test states only
// the values that matter to it.

import { residentIdCheckChar } from '../domain/resident-id.js';
import type {
  CertificateRecord,
  ChangeRecord,
  Dataset,
  EnterpriseRecord,
  ExamRecord,
  SocialInsuranceRecord,
  StaffingRecord,
  TrainingRecord,
} from '../domain/records.js';
import { screen, type ScreenOptions } from './engine.js';

/** A valid resident ID with the given birth date (YYYYMMDD) and 3-digit sequence. */
export function idNo(birth: string, seq = '001', region = '510104'): string {
  const first17 = region + birth + seq;
  return first17 + residentIdCheckChar(first17)!;
}

export const PERSON = idNo('19800101');
export const OTHER_PERSON = idNo('19850505', '013');
export const EMPLOYER = '91510100MA61R0XH4B';
export const OTHER_EMPLOYER = '91510700MA62T5LU9Q';

export function enterprise(p: Partial<EnterpriseRecord> = {}): EnterpriseRecord {
  return {
    uscc: EMPLOYER,
    name: '四川测试建设工程有限公司',
    region: '510100',
    license_no: '(川)JZ安许证字[2023]000001',
    license_expires: '2026-12-31',
    license_status: '有效',
    ...p,
  };
}

export function certificate(p: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    cert_no: '川建安B(2023)0000001',
    source: '',
    category: 'B',
    operation: null,
    name: '张三',
    id_no: PERSON,
    employer_uscc: EMPLOYER,
    issuer: '四川省住房和城乡建设厅',
    issued: '2023-01-10',
    expires: '2026-01-10',
    status: '有效',
    ...p,
  };
}

export function staffing(p: Partial<StaffingRecord> = {}): StaffingRecord {
  return {
    project_no: 'XM001',
    project_name: '测试项目',
    project_region: '510104',
    contractor_uscc: EMPLOYER,
    role: '项目负责人',
    name: '张三',
    id_no: PERSON,
    cert_no: '川建安B(2023)0000001',
    start: '2024-01-01',
    end: '2024-06-30',
    ...p,
  };
}

export function insurance(month: string, p: Partial<SocialInsuranceRecord> = {}): SocialInsuranceRecord {
  return { id_no: PERSON, name: '张三', employer_uscc: EMPLOYER, month, ...p };
}

export function change(date: string, p: Partial<ChangeRecord> = {}): ChangeRecord {
  return { cert_no: '川建安B(2023)0000001', id_no: PERSON, from_uscc: EMPLOYER, to_uscc: OTHER_EMPLOYER, date, ...p };
}

export function training(p: Partial<TrainingRecord> = {}): TrainingRecord {
  return {
    institution_uscc: '91510100MA6CFL0G2K',
    class_no: 'PX001',
    id_no: PERSON,
    name: '张三',
    category: 'B',
    start: '2022-12-01 09:00:00',
    end: '2022-12-01 12:00:00',
    hours: 4,
    ...p,
  };
}

export function exam(p: Partial<ExamRecord> = {}): ExamRecord {
  return {
    institution_uscc: '91510100MA6CFL0G2K',
    site_no: 'KD01',
    sitting_no: 'KS001',
    id_no: PERSON,
    name: '张三',
    category: 'B',
    start: '2022-12-20 09:00:00',
    submitted: '2022-12-20 10:30:00',
    score: 90,
    passed: true,
    answers_hash: null,
    ...p,
  };
}

export function dataset(p: Partial<Dataset> = {}): Dataset {
  return { enterprises: [], certificates: [], staffing: [], social_insurance: [], changes: [], training: [], exams: [], ...p };
}

/** Subjects one rule reports on a dataset, sorted. */
export function subjectsOf(rule: string, ds: Dataset, options: Omit<ScreenOptions, 'rules'> = {}): string[] {
  return screen(ds, { asOf: '2024-12-31', ...options, rules: [rule] }).hits.map((h) => h.subject);
}

/** Six (or n) sessions of 8 学时 in the 365 days before 2023-01-10, enough for a B certificate. */
export function enoughTraining(category = 'B', id = PERSON, n = 6): TrainingRecord[] {
  const out: TrainingRecord[] = [];
  for (let d = 1; d <= n; d++) {
    const day = `2022-12-${String(d).padStart(2, '0')}`;
    out.push(training({ id_no: id, category, start: `${day} 08:00:00`, end: `${day} 17:00:00`, hours: 8 }));
  }
  return out;
}
