// The answer of a public verification: a result key per certificate and the masked presentation.
// Pure: registry rows and today's date in, answer out.

import { CATEGORY_LABELS, OPERATION_LABELS, statusKeyOf, type CertCategory } from '../domain/certificates.js';
import { maskIdNo, maskName } from '../domain/masking.js';

export const VERIFY_RESULTS = ['valid', 'expired', 'suspended', 'withdrawn', 'cancelled', 'lapsed', 'transferring', 'revoked', 'no_match'] as const;
export type VerifyResult = (typeof VERIFY_RESULTS)[number];

/** Plain-Chinese label and explanation of each result. */
export const RESULT_TEXT: Record<VerifyResult, { label: string; message: string }> = {
  valid: { label: '证书有效', message: '该证书在证书库中登记有效，信息如下。' },
  expired: { label: '证书已过期', message: '该证书已超过有效期，不能继续作为上岗凭证使用。' },
  suspended: { label: '证书已暂扣', message: '该证书已被暂扣，暂扣期间不能作为上岗凭证使用。' },
  withdrawn: { label: '证书已撤销', message: '该证书已被发证机关撤销，不再有效。' },
  cancelled: { label: '证书已注销', message: '该证书已注销，不再有效。' },
  lapsed: { label: '证书已失效', message: '该证书已失效，不能继续作为上岗凭证使用。' },
  transferring: { label: '证书办理转出中', message: '该证书正在办理转出，转出完成前不能作为本省上岗凭证使用。' },
  revoked: { label: '证书已吊销', message: '该证书已被吊销，不再有效。' },
  no_match: {
    label: '未查到一致的证书',
    message: '未查到与所填信息一致的证书。请核对证书编号（或身份证号）与姓名后重试；如信息无误仍查不到，该证书可能是假证，可拨打 12350 举报。',
  },
};

/** What the registry holds on a matched certificate (a row of the lookup). */
export interface MatchedCertificate {
  cert_no: string;
  source: string;
  category: string;
  operation: string | null;
  name: string;
  id_no: string;
  employer_uscc: string | null;
  employer_name: string | null;
  issuer: string | null;
  issued: string;
  expires: string;
  status: string;
}

/** A certificate's result on a day: its registry state, or `expired` when a valid one is past its expiry date. */
export function certificateResult(status: string, expires: string, today: string): Exclude<VerifyResult, 'no_match'> {
  const key = statusKeyOf(status) ?? 'lapsed';
  if (key === 'valid' && expires < today) return 'expired';
  return key;
}

export const OWN_REGISTRY_NAME = '四川省住房和城乡建设厅';

export function presentCertificate(c: MatchedCertificate, today: string) {
  const result = certificateResult(c.status, c.expires, today);
  const isTz = c.category === 'TZ';
  return {
    result,
    label: RESULT_TEXT[result].label,
    certNo: c.cert_no,
    kind: isTz ? '建筑施工特种作业操作资格证书' : '安全生产考核合格证书（三类人员）',
    category: c.category,
    categoryLabel: CATEGORY_LABELS[c.category as CertCategory] ?? c.category,
    operation: c.operation,
    operationLabel: c.operation ? (OPERATION_LABELS[c.operation] ?? null) : null,
    holderName: maskName(c.name),
    holderIdNo: maskIdNo(c.id_no),
    employerName: c.employer_name,
    employerUscc: c.employer_uscc,
    issuer: c.issuer,
    issued: c.issued,
    expires: c.expires,
    status: c.status,
    source: c.source === '' ? ('own' as const) : ('shared' as const),
    sourceName: c.source === '' ? `${OWN_REGISTRY_NAME}证书库` : `${c.source}（部门共享）`,
  };
}

export type PresentedCertificate = ReturnType<typeof presentCertificate>;

export interface VerificationAnswer {
  result: VerifyResult;
  label: string;
  message: string;
  certificates: PresentedCertificate[];
}

/**
 * The one answer for "nothing matches": the same object for an unknown number and for a known number
 * with another name, so the two answers are the same bytes.
 */
export const NO_MATCH: VerificationAnswer = Object.freeze({ result: 'no_match', ...RESULT_TEXT.no_match, certificates: [] }) as VerificationAnswer;

// Valid first, then our own registry, then the latest expiry.
const RANK: Record<string, number> = { valid: 0, expired: 1, suspended: 2, transferring: 3, lapsed: 4, cancelled: 5, withdrawn: 6, revoked: 7 };

export function presentVerification(matches: MatchedCertificate[], today: string): VerificationAnswer {
  if (matches.length === 0) return NO_MATCH;
  const certificates = matches
    .map((m) => presentCertificate(m, today))
    .sort((a, b) => RANK[a.result]! - RANK[b.result]! || (a.source === b.source ? 0 : a.source === 'own' ? -1 : 1) || (a.expires < b.expires ? 1 : a.expires > b.expires ? -1 : 0));
  const top = certificates[0]!.result;
  return { result: top, label: RESULT_TEXT[top].label, message: RESULT_TEXT[top].message, certificates };
}

/** JSON schema of the answer (the OpenAPI document and the serializer are built from it). */
export const certificateAnswerSchema = {
  type: 'object',
  required: ['result', 'label', 'certNo', 'kind', 'category', 'holderName', 'holderIdNo', 'issued', 'expires', 'status', 'source', 'sourceName'],
  properties: {
    result: { type: 'string', enum: VERIFY_RESULTS.filter((r) => r !== 'no_match') },
    label: { type: 'string' },
    certNo: { type: 'string' },
    kind: { type: 'string' },
    category: { type: 'string' },
    categoryLabel: { type: 'string' },
    operation: { type: ['string', 'null'] },
    operationLabel: { type: ['string', 'null'] },
    holderName: { type: 'string', description: '姓名（脱敏）' },
    holderIdNo: { type: 'string', description: '身份证号（脱敏）' },
    employerName: { type: ['string', 'null'] },
    employerUscc: { type: ['string', 'null'] },
    issuer: { type: ['string', 'null'] },
    issued: { type: 'string' },
    expires: { type: 'string' },
    status: { type: 'string' },
    source: { type: 'string', enum: ['own', 'shared'] },
    sourceName: { type: 'string' },
  },
} as const;

export const verificationAnswerSchema = {
  type: 'object',
  required: ['result', 'label', 'message', 'certificates'],
  properties: {
    result: { type: 'string', enum: [...VERIFY_RESULTS] },
    label: { type: 'string' },
    message: { type: 'string' },
    certificates: { type: 'array', items: certificateAnswerSchema },
  },
} as const;
