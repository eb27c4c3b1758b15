// What an on-site certificate check found, and which findings are problems that become clues
// (逢查必检: fake, mismatch, expired, withdrawn/revoked/suspended, no certificate). Pure.

import { certificateResult } from '../verification/verification-result.js';

export const CHECK_RESULTS = {
  valid: { label: '证书有效', problem: null },
  expired: { label: '证书已过期', problem: '过期证书上岗' },
  suspended: { label: '证书已暂扣', problem: '暂扣期间持证上岗' },
  withdrawn: { label: '证书已撤销', problem: '使用已撤销证书' },
  cancelled: { label: '证书已注销', problem: '使用已注销证书' },
  lapsed: { label: '证书已失效', problem: '使用已失效证书' },
  transferring: { label: '证书办理转出中', problem: '使用办理转出中的证书' },
  revoked: { label: '证书已吊销', problem: '使用已吊销证书' },
  not_found: { label: '查无此证', problem: '疑似假证（证书库查无此证）' },
  bad_qr: { label: '二维码核验未通过', problem: '疑似假证（二维码签名无效）' },
  mismatch: { label: '人证不符', problem: '人证不符（持证人与现场人员不一致）' },
  no_certificate: { label: '无证', problem: '无证上岗' },
} as const;
export type CheckResult = keyof typeof CHECK_RESULTS;

export interface RegistryCert {
  cert_no: string;
  source: string;
  name: string;
  status: string;
  expires: string;
}

/**
 * The result of checking a certificate against what the registry holds for its number, and (when the
 * inspector typed it) the name of the person on site. Our own registry wins over shared departments'.
 */
export function judgeCertificate(rows: readonly RegistryCert[], personName: string | null, today: string): { result: CheckResult; cert: RegistryCert | null } {
  if (rows.length === 0) return { result: 'not_found', cert: null };
  const ordered = [...rows].sort((a, b) => (a.source === '' ? -1 : b.source === '' ? 1 : a.source.localeCompare(b.source)));
  const held = personName ? ordered.filter((r) => r.name === personName) : ordered;
  if (held.length === 0) return { result: 'mismatch', cert: ordered[0]! };
  const cert = held[0]!;
  return { result: certificateResult(cert.status, cert.expires, today), cert };
}

export const isProblem = (r: CheckResult): boolean => CHECK_RESULTS[r].problem !== null;
