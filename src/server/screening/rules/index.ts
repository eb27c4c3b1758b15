// The 14 screening rules of data-exchange contract §3, in order, with what the UI and exports show.

import type { ScreeningContext } from '../context.js';
import type { PendingHit, RuleId, SubjectType } from '../types.js';
import { screenFakeNumbers } from './r01-fake-number.js';
import { screenHolderMismatches } from './r02-holder-mismatch.js';
import { screenInvalidCertificatesInUse } from './r03-invalid-cert-in-use.js';
import { screenConcurrentPosts } from './r04-concurrent-posts.js';
import { screenHungCertificates } from './r05-hung-certificate.js';
import { screenFrequentChanges } from './r06-frequent-changes.js';
import { screenInsufficientTraining } from './r07-insufficient-training.js';
import { screenImpossibleAttendance } from './r08-impossible-attendance.js';
import { screenPaddedHours } from './r09-padded-hours.js';
import { screenCertificatesWithoutExam } from './r10-cert-without-exam.js';
import { screenExamAnomalies } from './r11-exam-anomaly.js';
import { screenAgeLimits } from './r12-age-limit.js';
import { screenInvalidIdNumbers } from './r13-invalid-id-number.js';
import { screenContractorLicences } from './r14-contractor-licence.js';

export interface RuleDefinition {
  id: RuleId;
  /** Chinese name, as in the contract. */
  name: string;
  /** English short name. */
  key: string;
  subjectType: SubjectType;
  /** When it fires, in Chinese, for people reading results. */
  description: string;
  run: (ctx: ScreeningContext) => PendingHit[];
}

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'R01',
    name: '证书编号不存在',
    key: 'fake_number',
    subjectType: 'cert_no',
    description: '项目人员出示的证书编号在发证库和部门共享库中均查不到',
    run: screenFakeNumbers,
  },
  {
    id: 'R02',
    name: '人证不符',
    key: 'holder_mismatch',
    subjectType: 'cert_no',
    description: '证书编号存在，但登记的持证人身份证号与项目人员不一致',
    run: screenHolderMismatches,
  },
  {
    id: 'R03',
    name: '失效证书在岗',
    key: 'invalid_certificate_in_use',
    subjectType: 'cert_no',
    description: '在岗记录超过证书有效期，或仍在岗而证书状态不是“有效”',
    run: screenInvalidCertificatesInUse,
  },
  {
    id: 'R04',
    name: '一证多岗',
    key: 'concurrent_posts',
    subjectType: 'cert_no',
    description: '同一证书在同一天用于两个不同项目',
    run: screenConcurrentPosts,
  },
  {
    id: 'R05',
    name: '人社分离',
    key: 'hung_certificate',
    subjectType: 'cert_no',
    description: '三类人员证书持证人评估月前 6 个月中至少 3 个月有社保，且聘用单位一个月也未缴（挂证）',
    run: screenHungCertificates,
  },
  {
    id: 'R06',
    name: '频繁变更',
    key: 'frequent_changes',
    subjectType: 'id_no',
    description: '同一人 3 次及以上变更聘用单位，首末变更相隔不足 365 天',
    run: screenFrequentChanges,
  },
  {
    id: 'R07',
    name: '学时不足',
    key: 'insufficient_training',
    subjectType: 'cert_no',
    description: '发证前 365 天内同类别培训学时少于规定（三类人员 48，特种作业 32）',
    run: screenInsufficientTraining,
  },
  {
    id: 'R08',
    name: '学时冲突',
    key: 'impossible_attendance',
    subjectType: 'id_no',
    description: '同一人同时参加两个班级的培训，或一天内开始的培训超过 8 学时',
    run: screenImpossibleAttendance,
  },
  {
    id: 'R09',
    name: '虚报学时',
    key: 'padded_hours',
    subjectType: 'class_no',
    description: '培训记录申报学时超过时长所能容纳的学时（分钟 / 45 + 0.25）',
    run: screenPaddedHours,
  },
  {
    id: 'R10',
    name: '无考发证',
    key: 'certificate_without_exam',
    subjectType: 'cert_no',
    description: '发证前 180 天内持证人无同类别合格考试记录',
    run: screenCertificatesWithoutExam,
  },
  {
    id: 'R11',
    name: '考试异常',
    key: 'exam_anomaly',
    subjectType: 'sitting_no',
    description: '同一场次 5 名及以上合格考生答卷指纹相同，或 3 名及以上合格考生开考不足 10 分钟交卷',
    run: screenExamAnomalies,
  },
  {
    id: 'R12',
    name: '年龄不符',
    key: 'age_limit',
    subjectType: 'cert_no',
    description: '特种作业证书发证时持证人未满 18 岁，或进场时已满 60 岁',
    run: screenAgeLimits,
  },
  {
    id: 'R13',
    name: '身份证号无效',
    key: 'invalid_id_number',
    subjectType: 'id_no',
    description: '证书或项目人员的身份证号不符合 GB 11643-1999（位数、出生日期、校验码）',
    run: screenInvalidIdNumbers,
  },
  {
    id: 'R14',
    name: '无证或失效许可施工',
    key: 'contractor_licence',
    subjectType: 'uscc',
    description: '施工单位无安全生产许可证、许可证在离场前到期，或仍在施工而许可证状态不是“有效”',
    run: screenContractorLicences,
  },
];
