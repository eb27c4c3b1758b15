// verifyCertificate: a public query by certificate number or ID number, with the holder's name.

import { maskIdNo, maskName } from '../domain/masking.js';
import { normCode, normName, normUpperCode } from '../domain/normalise.js';
import { AppError } from '../http/errors.js';
import { presentVerification, type VerificationAnswer } from './verification-result.js';
import type { VerificationLookup } from './verification.repository.js';

export interface VerifyQuery {
  certNo?: string;
  idNo?: string;
  name?: string;
}

export interface VerifyOutcome {
  answer: VerificationAnswer;
  /** What the record keeps: the masked query and the certificate it concerns. */
  maskedQuery: string;
  certNo: string | null;
  source: string | null;
}

const ID_SHAPE = /^(\d{17}[\dX]|\d{15})$/;

/** Input problems answer 400 whatever the registry holds, so they reveal nothing. */
export function parseVerifyQuery(q: VerifyQuery): { by: 'certNo' | 'idNo'; key: string; name: string } {
  const name = normName(q.name ?? '');
  const certNo = normCode(q.certNo ?? '');
  const idNo = normUpperCode(q.idNo ?? '');
  if (certNo && idNo) throw new AppError('bad_request', '请只填写证书编号或身份证号中的一项');
  if (!certNo && !idNo) throw new AppError('bad_request', '请填写证书编号或身份证号');
  if (!name) throw new AppError('bad_request', '请填写持证人姓名');
  if (idNo && !ID_SHAPE.test(idNo)) throw new AppError('bad_request', '身份证号应为18位（最后一位可为X）');
  return certNo ? { by: 'certNo', key: certNo, name } : { by: 'idNo', key: idNo, name };
}

export async function verifyCertificate(lookup: VerificationLookup, query: VerifyQuery, today: string): Promise<VerifyOutcome> {
  const q = parseVerifyQuery(query);
  const matches = q.by === 'certNo' ? await lookup.byCertNo(q.key, q.name) : await lookup.byIdNo(q.key, q.name);
  const answer = presentVerification(matches, today);
  const top = answer.certificates[0];
  return {
    answer,
    maskedQuery: q.by === 'certNo' ? `certNo=${q.key}&name=${maskName(q.name)}` : `idNo=${maskIdNo(q.key)}&name=${maskName(q.name)}`,
    certNo: q.by === 'certNo' ? q.key : (top?.certNo ?? null),
    source: top ? (top.source === 'own' ? '' : (matches.find((m) => m.cert_no === top.certNo)?.source ?? null)) : null,
  };
}
