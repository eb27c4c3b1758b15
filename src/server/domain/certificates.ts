// Certificate kinds, classes, operations and states (domain brief; national e-certificate model).

/** 三类人员 classes and 建筑施工特种作业 (TZ). */
export const CERT_CATEGORIES = ['A', 'B', 'C1', 'C2', 'C3', 'TZ'] as const;
export type CertCategory = (typeof CERT_CATEGORIES)[number];

/** 三类人员: A 主要负责人, B 项目负责人, C 专职安全员 (C1 machinery, C2 civil, C3 general). */
export const SAN_LEI_CATEGORIES: readonly CertCategory[] = ['A', 'B', 'C1', 'C2', 'C3'];
export const isSanLei = (c: string): boolean => (SAN_LEI_CATEGORIES as readonly string[]).includes(c);

export const CATEGORY_LABELS: Record<CertCategory, string> = {
  A: '主要负责人（A类）',
  B: '项目负责人（B类）',
  C1: '专职安全生产管理人员（C1 机械类）',
  C2: '专职安全生产管理人员（C2 土建类）',
  C3: '专职安全生产管理人员（C3 综合类）',
  TZ: '建筑施工特种作业',
};

/** Training categories add JX, continuing education (继续教育). */
export const TRAINING_CATEGORIES = [...CERT_CATEGORIES, 'JX'] as const;
export type TrainingCategory = (typeof TRAINING_CATEGORIES)[number];

/** Special-operation codes, 建质〔2008〕75号. */
export const OPERATION_LABELS: Record<string, string> = {
  '01': '建筑电工',
  '02': '建筑架子工（普通脚手架）',
  '03': '建筑架子工（附着升降脚手架）',
  '04': '建筑起重信号司索工',
  '05': '建筑起重机械司机（塔式起重机）',
  '06': '建筑起重机械司机（施工升降机）',
  '07': '建筑起重机械司机（物料提升机）',
  '08': '建筑起重机械安装拆卸工（塔式起重机）',
  '09': '建筑起重机械安装拆卸工（施工升降机）',
  '10': '建筑起重机械安装拆卸工（物料提升机）',
  '11': '高处作业吊篮安装拆卸工',
  '99': '经省级住房城乡建设主管部门批准的其他特种作业',
};

/** National e-certificate states 01-07, in code order. */
export const CERT_STATUSES = [
  { code: '01', label: '有效', key: 'valid' },
  { code: '02', label: '暂扣', key: 'suspended' },
  { code: '03', label: '撤销', key: 'withdrawn' },
  { code: '04', label: '注销', key: 'cancelled' },
  { code: '05', label: '失效', key: 'lapsed' },
  { code: '06', label: '办理转出', key: 'transferring' },
  { code: '07', label: '吊销', key: 'revoked' },
] as const;
export type CertStatus = (typeof CERT_STATUSES)[number]['label'];
export type CertStatusKey = (typeof CERT_STATUSES)[number]['key'];

/** A certificate state from its Chinese label or its national code (`1`, `01`), else null. */
export function parseCertStatus(raw: string): CertStatus | null {
  const s = raw.trim();
  const byCode = /^\d{1,2}$/.test(s) ? CERT_STATUSES.find((x) => Number(x.code) === Number(s)) : undefined;
  if (byCode) return byCode.label;
  return CERT_STATUSES.find((x) => x.label === s)?.label ?? null;
}

export const statusKeyOf = (label: string): CertStatusKey | null =>
  CERT_STATUSES.find((x) => x.label === label)?.key ?? null;

/** Licence states (安全生产许可证). */
export const LICENCE_STATUSES = ['有效', '暂扣', '吊销', '注销', '失效'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** Posts on a project (岗位). */
export const STAFF_ROLES = ['项目负责人', '专职安全员', '特种作业', '主要负责人'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Validity in years by kind (domain brief); the 应急管理部 operation certificate is 6 years. */
export const VALIDITY_YEARS: Record<CertCategory, number> = { A: 3, B: 3, C1: 3, C2: 3, C3: 3, TZ: 2 };

/** The category a 三类人员 certificate number declares: 川建安B（2021）1052428 → B. */
export function categoryFromCertNo(certNo: string): CertCategory | null {
  const m = /建安(A|B|C[123])\(/.exec(certNo);
  return m ? (m[1] as CertCategory) : null;
}
