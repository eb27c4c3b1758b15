// R03 失效证书在岗 (invalid certificate in use): "a staffing record runs past the certificate's `expires`,
// or is open while the certificate's status is anything but 有效" (contract §3).
// - The record's last day is its 离场日期, or the evaluation date when that is empty (§3: an open record
//   "runs to the evaluation date"); it runs past `expires` when that last day is after `expires`.
// - Status only matters for open records (离场日期 empty or on/after the evaluation date): a post that ended
//   before a later suspension did nothing wrong.
// - Which registration is "the certificate": the ones of the number held by the staffing person, or every
//   registration of the number when none is (that case is R02's too). The row is cleared when any of them
//   is valid for it, so a number known to two registries is judged by its best registration.

import type { CertificateRecord } from '../../domain/records.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { dayOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';

const VALID = '有效';

export function screenInvalidCertificatesInUse(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R03');
  const byNo = ctx.certificatesByNo;
  const { lastDay, open } = ctx.staffingDays;
  const rows = ctx.dataset.staffing;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]!;
    if (s.cert_no === '') continue;
    const registered = byNo.get(s.cert_no);
    if (!registered) continue;
    let candidates: CertificateRecord[] = registered;
    if (registered.length > 1) {
      const own = registered.filter((c) => c.id_no === s.id_no);
      if (own.length > 0) candidates = own;
    }
    let problem: string | null = null;
    let culprit = candidates[0]!;
    for (const c of candidates) {
      const p = problemOf(c, lastDay[i]!, open[i] === 1);
      if (p === null) {
        problem = null;
        break;
      }
      if (problem === null) {
        problem = p;
        culprit = c;
      }
    }
    if (problem === null) continue;
    out.add(
      s.cert_no,
      `证书 ${s.cert_no} ${problem}，仍用于项目 ${s.project_no}（${s.start} 至 ${s.end ?? '今'}）`,
      ['staffing', s],
      [certificateKind(culprit), culprit],
    );
  }
  return out.hits();
}

function problemOf(c: CertificateRecord, last: number, isOpen: boolean): string | null {
  if (last > dayOf(c.expires)) return `已于 ${c.expires} 到期`;
  if (isOpen && c.status !== VALID) return `状态为「${c.status}」`;
  return null;
}
