// The eight kinds of the data-exchange contract (§2): headers, types and row identities (§1).

import type { KindName } from '../domain/records.js';
import { KIND_NAMES } from '../domain/records.js';
import { normHeader } from '../domain/normalise.js';
import type { Column, ColumnType } from './columns.js';

export interface KindSpec {
  kind: KindName;
  /** The table the rows go to. certificates and external_certificates share one, told apart by `source`. */
  table: 'enterprises' | 'certificates' | 'staffing' | 'social_insurance' | 'changes' | 'training' | 'exams';
  columns: Column[];
  /** Row identity: importing a row with the same identity updates it instead of adding one. */
  identity: string[];
  /** Values fixed by the kind rather than read from the file. */
  fixed: Record<string, string>;
}

const col = (key: string, header: string, type: ColumnType, required = false): Column => ({ key, header, type, required });

const CERTIFICATE_COLUMNS: Column[] = [
  col('cert_no', '证书编号', 'code', true),
  col('category', '证书类别', 'cert_category', true),
  col('operation', '操作类别代码', 'operation'),
  col('name', '姓名', 'name', true),
  col('id_no', '身份证号', 'upper', true),
  col('employer_uscc', '聘用单位统一社会信用代码', 'upper'),
  col('issuer', '发证机关', 'text'),
  col('issued', '发证日期', 'date', true),
  col('expires', '有效期至', 'date', true),
  col('status', '证书状态', 'cert_status', true),
];

export const KINDS: Record<KindName, KindSpec> = {
  enterprises: {
    kind: 'enterprises',
    table: 'enterprises',
    columns: [
      col('uscc', '统一社会信用代码', 'upper', true),
      col('name', '企业名称', 'text', true),
      col('region', '所在地区划代码', 'region', true),
      col('license_no', '安全生产许可证编号', 'licence'),
      col('license_expires', '许可证有效期至', 'date'),
      col('license_status', '许可证状态', 'licence_status'),
    ],
    identity: ['uscc'],
    fixed: {},
  },
  certificates: {
    kind: 'certificates',
    table: 'certificates',
    columns: CERTIFICATE_COLUMNS,
    identity: ['cert_no', 'source'],
    fixed: { source: '' },
  },
  external_certificates: {
    kind: 'external_certificates',
    table: 'certificates',
    columns: [...CERTIFICATE_COLUMNS, col('source', '来源部门', 'text', true)],
    identity: ['cert_no', 'source'],
    fixed: {},
  },
  staffing: {
    kind: 'staffing',
    table: 'staffing',
    columns: [
      col('project_no', '项目编号', 'code', true),
      col('project_name', '项目名称', 'text'),
      col('project_region', '项目区划代码', 'region'),
      col('contractor_uscc', '施工单位统一社会信用代码', 'upper', true),
      col('role', '岗位', 'role'),
      col('name', '姓名', 'name'),
      col('id_no', '身份证号', 'upper', true),
      col('cert_no', '证书编号', 'code'),
      col('start', '进场日期', 'date', true),
      col('end', '离场日期', 'date'),
    ],
    identity: ['project_no', 'id_no', 'cert_no', 'start'],
    fixed: {},
  },
  social_insurance: {
    kind: 'social_insurance',
    table: 'social_insurance',
    columns: [
      col('id_no', '身份证号', 'upper', true),
      col('name', '姓名', 'name'),
      col('employer_uscc', '参保单位统一社会信用代码', 'upper', true),
      col('month', '缴费年月', 'month', true),
    ],
    identity: ['id_no', 'employer_uscc', 'month'],
    fixed: {},
  },
  changes: {
    kind: 'changes',
    table: 'changes',
    columns: [
      col('cert_no', '证书编号', 'code', true),
      col('id_no', '身份证号', 'upper', true),
      col('from_uscc', '原聘用单位信用代码', 'upper'),
      col('to_uscc', '新聘用单位信用代码', 'upper', true),
      col('date', '变更日期', 'date', true),
    ],
    identity: ['cert_no', 'date', 'to_uscc'],
    fixed: {},
  },
  training: {
    kind: 'training',
    table: 'training',
    columns: [
      col('institution_uscc', '培训机构信用代码', 'upper'),
      col('class_no', '班级编号', 'code', true),
      col('id_no', '身份证号', 'upper', true),
      col('name', '姓名', 'name'),
      col('category', '培训类别', 'training_category', true),
      col('start', '开始时间', 'datetime', true),
      col('end', '结束时间', 'datetime', true),
      col('hours', '学时', 'hours', true),
    ],
    identity: ['class_no', 'id_no', 'start'],
    fixed: {},
  },
  exams: {
    kind: 'exams',
    table: 'exams',
    columns: [
      col('institution_uscc', '考试机构信用代码', 'upper'),
      col('site_no', '考点编号', 'code'),
      col('sitting_no', '场次编号', 'code', true),
      col('id_no', '身份证号', 'upper', true),
      col('name', '姓名', 'name'),
      col('category', '考试类别', 'cert_category', true),
      col('start', '开考时间', 'datetime', true),
      col('submitted', '交卷时间', 'datetime', true),
      col('score', '成绩', 'score'),
      col('passed', '是否合格', 'passed', true),
      col('answers_hash', '答卷指纹', 'code'),
    ],
    identity: ['sitting_no', 'id_no'],
    fixed: {},
  },
};

/** Every column the table stores, in order: the kind's columns plus fixed ones. */
export function tableColumns(spec: KindSpec): string[] {
  return [...spec.columns.map((c) => c.key), ...Object.keys(spec.fixed)];
}

/** The kind a file's name declares: `certificates.csv`, `certificates (2).xlsx`, `staffing-2024.csv`, `证书.xlsx`. */
export function kindFromFileName(fileName: string): KindName | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|xlsx)$/i, '').toLowerCase();
  // Longest names first, so `external_certificates` is not taken for `certificates`.
  const byLength = [...KIND_NAMES].sort((a, b) => b.length - a.length);
  for (const k of byLength) if (base === k || base.startsWith(k)) return k;
  const chinese: Array<[string, KindName]> = [
    ['部门共享证书', 'external_certificates'],
    ['共享证书', 'external_certificates'],
    ['证书', 'certificates'],
    ['企业', 'enterprises'],
    ['项目人员', 'staffing'],
    ['社保', 'social_insurance'],
    ['变更', 'changes'],
    ['培训', 'training'],
    ['考试', 'exams'],
  ];
  for (const [word, k] of chinese) if (base.startsWith(word)) return k;
  return null;
}

export interface HeaderMapping {
  /** For each column key, the index of the cell holding it, or -1 when the file lacks the column. */
  indexOf: Map<string, number>;
  missingRequired: Column[];
}

/** Match header cells to the kind's columns by Chinese header or English key, after folding. */
export function mapHeader(spec: KindSpec, headerCells: string[]): HeaderMapping {
  const normalised = headerCells.map((h) => normHeader(h ?? ''));
  const indexOf = new Map<string, number>();
  for (const c of spec.columns) {
    const want = [normHeader(c.header), c.key.toLowerCase()];
    indexOf.set(c.key, normalised.findIndex((h) => want.includes(h)));
  }
  return { indexOf, missingRequired: spec.columns.filter((c) => c.required && indexOf.get(c.key) === -1) };
}
