// 企业自查: one roster row against the registry → a verdict and the reason in plain Chinese.
// Pure: the row's values and the registry's certificates of its number in, verdict out.

import { CERT_CATEGORIES, STAFF_ROLES, statusKeyOf } from '../domain/certificates.js';
import { residentIdProblem, type ResidentIdProblem } from '../domain/resident-id.js';

export const ROSTER_VERDICTS = ['一致', '证书不存在', '人证不符', '已过期', '暂扣', '撤销', '注销', '吊销', '失效', '办理转出', '聘用单位不符', '身份证号无效', '格式错误'] as const;
export type RosterVerdict = (typeof ROSTER_VERDICTS)[number];

export interface RosterRow {
  name: string;
  idNo: string;
  certNo: string;
  category: string;
  role: string;
  employerUscc: string;
}

export interface RegisteredCertificate {
  cert_no: string;
  source: string;
  category: string;
  name: string;
  id_no: string;
  employer_uscc: string | null;
  employer_name: string | null;
  expires: string;
  status: string;
}

export interface RosterResult {
  verdict: RosterVerdict;
  note: string;
}

const ID_PROBLEM: Record<ResidentIdProblem, string> = {
  length: '身份证号应为18位',
  characters: '身份证号只能由数字和最后一位X组成',
  birth_date: '身份证号中的出生日期不存在',
  check_char: '身份证号校验位错误（GB 11643-1999）',
};

/** The certificate categories a post calls for (岗位 → 证书类别). */
const ROLE_CATEGORIES: Record<string, readonly string[]> = {
  主要负责人: ['A'],
  项目负责人: ['B'],
  专职安全员: ['C1', 'C2', 'C3'],
  特种作业: ['TZ'],
};

const STATUS_VERDICT: Record<string, RosterVerdict> = { suspended: '暂扣', withdrawn: '撤销', cancelled: '注销', revoked: '吊销', lapsed: '失效', transferring: '办理转出' };

/** Problems of form: what a person would have to fix in the file itself. */
function formatProblems(r: RosterRow): string[] {
  const out: string[] = [];
  if (!r.name) out.push('缺少姓名');
  if (!r.idNo) out.push('缺少身份证号');
  if (!r.certNo) out.push('缺少证书编号');
  if (r.category && !(CERT_CATEGORIES as readonly string[]).includes(r.category)) out.push(`证书类别“${r.category}”应为 A、B、C1、C2、C3 或 TZ`);
  if (r.role && !(STAFF_ROLES as readonly string[]).includes(r.role)) out.push(`岗位“${r.role}”应为 ${STAFF_ROLES.join('、')} 之一`);
  if (r.employerUscc && !/^[0-9A-Z]{18}$/.test(r.employerUscc)) out.push('聘用单位统一社会信用代码应为18位数字或大写字母');
  return out;
}

export function rosterVerdict(r: RosterRow, registered: RegisteredCertificate[], today: string): RosterResult {
  const format = formatProblems(r);
  if (format.length) return { verdict: '格式错误', note: format.join('；') };
  const idProblem = residentIdProblem(r.idNo);
  if (idProblem) return { verdict: '身份证号无效', note: ID_PROBLEM[idProblem] };
  if (registered.length === 0) return { verdict: '证书不存在', note: '证书库（含部门共享证书）中没有此证书编号，可能为假证' };

  // Our registry first, then the shared departments'.
  const sorted = [...registered].sort((a, b) => (a.source === b.source ? 0 : a.source === '' ? -1 : 1));
  const cert = sorted.find((c) => c.id_no === r.idNo);
  if (!cert) return { verdict: '人证不符', note: '该证书登记的持证人身份证号与名册不一致' };
  if (cert.name !== r.name) return { verdict: '人证不符', note: `姓名与证书登记不一致（登记为“${cert.name}”）` };
  if (r.category && r.category !== cert.category) return { verdict: '人证不符', note: `证书类别不符：证书为 ${cert.category} 类，名册填写为 ${r.category}` };
  if (r.role && !ROLE_CATEGORIES[r.role]!.includes(cert.category)) return { verdict: '人证不符', note: `岗位“${r.role}”需持 ${ROLE_CATEGORIES[r.role]!.join('/')} 类证书，该证书为 ${cert.category} 类` };

  const extra: string[] = [];
  const employerMismatch = r.employerUscc !== '' && cert.employer_uscc !== r.employerUscc;
  const employerNote = `证书登记的聘用单位为${cert.employer_name ? `“${cert.employer_name}”` : ''}（${cert.employer_uscc ?? '无'}），与名册不一致`;
  const key = statusKeyOf(cert.status);
  const expired = cert.expires < today;
  if (key && key !== 'valid') {
    if (expired) extra.push(`已于 ${cert.expires} 过期`);
    if (employerMismatch) extra.push('聘用单位也不一致');
    return { verdict: STATUS_VERDICT[key]!, note: [`证书状态为“${cert.status}”，不能作为上岗凭证`, ...extra].join('；') };
  }
  if (expired) {
    if (employerMismatch) extra.push('聘用单位也不一致');
    return { verdict: '已过期', note: [`证书已于 ${cert.expires} 过期`, ...extra].join('；') };
  }
  if (employerMismatch) return { verdict: '聘用单位不符', note: employerNote };
  const src = cert.source === '' ? '' : `（${cert.source}共享）`;
  return { verdict: '一致', note: `证书有效${src}，有效期至 ${cert.expires}` };
}

/** Rows whose verdict is not 一致 are highlighted in the downloaded workbook. */
export const isProblem = (v: RosterVerdict): boolean => v !== '一致';
