// R05 人社分离 (certificate hanging, 挂证): "a 三类人员 certificate (A, B, C1-C3) whose holder, in the six
// calendar months before the evaluation date's month, had social insurance paid in at least 3 of them
// and in none of them by the certificate's employer" (contract §3).
// - The months are asOf−6 … asOf−1 (for 2024-12-31: 2024-06 … 2024-11); the evaluation month itself is
//   left out because its contribution is usually not yet booked.
// - "Paid in" counts distinct months with any contribution, whoever paid; one payment by the certificate's
//   employer (聘用单位) in any of those months clears the certificate.
// - Certificates of both registries are considered; only 三类人员 categories qualify.
// Only the rows inside the window are indexed: a month bitmask per person, and person+employer pairs.

import { isSanLei } from '../../domain/certificates.js';
import type { CertificateRecord, SocialInsuranceRecord } from '../../domain/records.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { monthOf } from '../day-math.js';
import { addMonths } from '../../domain/dates.js';
import { HitCollector, type Hit } from '../types.js';

export function screenHungCertificates(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R05');
  const { insuranceLookbackMonths: lookback, insuranceMinPaidMonths: minPaid } = ctx.params;
  const first = ctx.asOfMonth - lookback;
  const last = ctx.asOfMonth - 1;

  const monthsPaid = new Map<string, number>(); // id → bitmask of months (bit k = first + k); lookback ≤ 31
  const paidBy = new Set<string>(); // id + '\t' + employer
  const insurance = ctx.dataset.social_insurance;
  if (lookback > 31) throw new RangeError('insuranceLookbackMonths 不能超过 31');
  for (const r of insurance) {
    const m = monthOf(r.month);
    if (m < first || m > last) continue;
    monthsPaid.set(r.id_no, (monthsPaid.get(r.id_no) ?? 0) | (1 << (m - first)));
    paidBy.add(r.id_no + '\t' + r.employer_uscc);
  }
  if (monthsPaid.size === 0) return [];

  const hung: CertificateRecord[] = [];
  for (const c of ctx.dataset.certificates) {
    if (!isSanLei(c.category)) continue;
    const mask = monthsPaid.get(c.id_no);
    if (mask === undefined || popcount(mask) < minPaid) continue;
    if (c.employer_uscc !== null && paidBy.has(c.id_no + '\t' + c.employer_uscc)) continue;
    hung.push(c);
  }
  if (hung.length === 0) return [];

  // Evidence: one more pass over the insurance rows, for the holders found only.
  const rowsOf = new Map<string, SocialInsuranceRecord[]>();
  for (const c of hung) rowsOf.set(c.id_no, []);
  for (const r of insurance) {
    const list = rowsOf.get(r.id_no);
    if (!list) continue;
    const m = monthOf(r.month);
    if (m >= first && m <= last) list.push(r);
  }
  const months = `${addMonths(ctx.asOf.slice(0, 7), -lookback)} 至 ${addMonths(ctx.asOf.slice(0, 7), -1)}`;
  for (const c of hung) {
    const rows = rowsOf.get(c.id_no)!;
    const employers = [...new Set(rows.map((r) => r.employer_uscc))].join('、');
    out.add(
      c.cert_no,
      `证书 ${c.cert_no} 聘用单位 ${c.employer_uscc ?? '（空）'}，持证人 ${c.name} 在 ${months} 有 ${popcount(monthsPaid.get(c.id_no)!)} 个月由 ${employers} 缴纳社保，聘用单位未缴`,
      [certificateKind(c), c],
      ...rows.map((r) => ['social_insurance', r] as const),
    );
  }
  return out.hits();
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}
