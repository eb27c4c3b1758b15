// R05 人社分离 (certificate hanging, 挂证): "a 三类人员 certificate (A, B, C1-C3) whose holder, in the six
// calendar months before the evaluation date's month, had social insurance paid in at least 3 of them
// and in none of them by the certificate's employer" (contract §3).
// - The months are asOf−6 … asOf−1 (for 2024-12-31: 2024-06 … 2024-11); the evaluation month itself is
//   left out because its contribution is usually not yet booked.
// - "Paid in" counts distinct months with any contribution, whoever paid; one payment by the certificate's
//   employer (聘用单位) in any of those months clears the certificate.
// - Certificates of both registries are considered (expired ones too: the contract names no status);
//   only 三类人员 categories qualify.
// One pass over the insurance rows keeps those inside the window: a month bitmask per person, and the
// window rows grouped by person with their payer as an org id. (A database loader may leave rows
// outside the window unread; see windowMonths.)

import { addMonths } from '../../domain/dates.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind, groupBounds, groupByKey, isSanLeiCode } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenHungCertificates(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R05');
  const { insuranceLookbackMonths: lookback, insuranceMinPaidMonths: minPaid } = ctx.params;
  if (lookback > 31) throw new RangeError('insuranceLookbackMonths 不能超过 31');
  const first = ctx.asOfMonth - lookback;
  const last = ctx.asOfMonth - 1;
  const cert = ctx.certificates; // interns the holders first
  const persons = ctx.persons;

  const insurance = ctx.insurance;
  const { payer, month } = insurance;
  const monthsPaid = new Int32Array(persons.size); // bit k: month first + k
  const personOfRow = new Int32Array(insurance.length);
  let inWindow = 0;
  for (let i = 0; i < insurance.length; i++) {
    const m = month[i]!;
    const p = m < first || m > last ? -1 : insurance.person[i]!;
    personOfRow[i] = p;
    if (p < 0) continue;
    monthsPaid[p]! |= 1 << (m - first);
    inWindow++;
  }
  if (inWindow === 0) return [];
  const byPerson = groupByKey(personOfRow, persons.size);
  const { order } = byPerson;

  const months = `${addMonths(ctx.asOf.slice(0, 7), -lookback)} 至 ${addMonths(ctx.asOf.slice(0, 7), -1)}`;
  const certNos = ctx.certNos.keys;
  for (let j = 0; j < cert.length; j++) {
    const p = cert.person[j]!;
    if (p < 0 || !isSanLeiCode(cert.category[j]!)) continue;
    const paid = popcount(monthsPaid[p]!);
    if (paid < minPaid) continue;
    const employer = cert.employer[j]!;
    const [from, to] = groupBounds(byPerson, p);
    let byEmployer = false;
    if (employer >= 0) for (let x = from; x < to && !byEmployer; x++) byEmployer = payer[order[x]!] === employer;
    if (byEmployer) continue;
    const rows: number[] = [];
    for (let x = from; x < to; x++) rows.push(order[x]!);
    const employers = [...new Set(rows.map((i) => ctx.uscc(payer[i]!)))].join('、');
    out.add(
      certNos[cert.certNo[j]!]!,
      (r) => {
        const c = r.get('certificates', j);
        return `证书 ${c.cert_no} 聘用单位 ${c.employer_uscc ?? '（空）'}，持证人 ${c.name} 在 ${months} 有 ${paid} 个月由 ${employers} 缴纳社保，聘用单位未缴`;
      },
      [certificateKind(cert, j), j],
      ...rows.map((i) => ['social_insurance', i] as const),
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

/** The months R05 reads (`YYYY-MM`, both included): a database loader may leave other insurance rows unread. */
export function insuranceWindow(asOf: string, lookbackMonths: number): { from: string; to: string } {
  const month = asOf.slice(0, 7);
  return { from: addMonths(month, -lookbackMonths), to: addMonths(month, -1) };
}
