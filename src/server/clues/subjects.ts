// What a clue is about (线索对象): a person, a certificate, an enterprise, an institution or a website.
// Pure: normalising and describing subjects; matching and routing use the stored identifier type.

import { isValidCreditCode } from '../domain/credit-code.js';
import { maskIdNo } from '../domain/masking.js';

export const SUBJECT_KINDS = ['person', 'certificate', 'enterprise', 'institution', 'website', 'training_class', 'exam_sitting'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  person: '人员（身份证号）',
  certificate: '证书（证书编号）',
  enterprise: '企业（统一社会信用代码）',
  institution: '培训考核机构（统一社会信用代码）',
  website: '网站（网址）',
  training_class: '培训班（班级编号）',
  exam_sitting: '考试场次（场次编号）',
};

/** The identifier a subject is matched on; enterprise and institution share credit codes. */
export const SUBJECT_ID_TYPE: Record<SubjectKind, string> = {
  person: 'id_no',
  certificate: 'cert_no',
  enterprise: 'uscc',
  institution: 'uscc',
  website: 'url',
  training_class: 'class_no',
  exam_sitting: 'sitting_no',
};

/** Screening rules name their subjects by identifier type; the kind they stand for. */
export const KIND_OF_ID_TYPE: Record<string, SubjectKind> = {
  id_no: 'person',
  cert_no: 'certificate',
  uscc: 'enterprise',
  url: 'website',
  class_no: 'training_class',
  sitting_no: 'exam_sitting',
};

export interface ClueSubject {
  kind: SubjectKind;
  value: string;
}

export type SubjectCheck = { ok: true; subject: ClueSubject } | { ok: false; message: string };

/** Normalise one subject; a wrong value is refused with the reason (Chinese, for the form). */
export function normaliseSubject(kind: string, raw: string): SubjectCheck {
  if (!(SUBJECT_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `线索对象类型“${kind}”不正确` };
  const k = kind as SubjectKind;
  let value = raw.normalize('NFKC').trim();
  if (!value) return { ok: false, message: `${SUBJECT_KIND_LABELS[k]}不能为空` };
  if (value.length > 300) return { ok: false, message: `${SUBJECT_KIND_LABELS[k]}过长` };
  switch (k) {
    case 'person':
      value = value.toUpperCase();
      if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号应为18位（最后一位可为X）' };
      break;
    case 'enterprise':
    case 'institution':
      value = value.toUpperCase();
      if (!isValidCreditCode(value)) return { ok: false, message: '统一社会信用代码不正确（18位，校验位不符）' };
      break;
    case 'website': {
      const url = canonicalUrl(value);
      if (!url) return { ok: false, message: '网址不正确，应为 http(s):// 开头或域名' };
      value = url;
      break;
    }
    default:
      value = value.replace(/\s+/g, '');
  }
  return { ok: true, subject: { kind: k, value } };
}

/** Host and path, lower-case host, no scheme, no trailing slash: one site, one subject. */
export function canonicalUrl(raw: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    if (!/^https?:$/.test(u.protocol) || !u.hostname.includes('.')) return null;
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.hostname.toLowerCase()}${u.port ? ':' + u.port : ''}${path}`;
  } catch {
    return null;
  }
}

/** A subject as staff lists show it: ID numbers masked (full numbers only through pii.reveal). */
export function displaySubject(s: ClueSubject): string {
  return s.kind === 'person' ? maskIdNo(s.value) : s.value;
}
