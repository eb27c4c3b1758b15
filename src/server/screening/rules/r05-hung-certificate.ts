// R05 人社分离 (certificate hanging, 挂证): "a 三类人员 certificate (A, B, C1-C3) whose holder, in the six
// calendar months before the evaluation date's month, had social insurance paid in at least 3 of them
// and in none of them by the certificate's employer" (contract §3).
// - The months are asOf−6 … asOf−1 (for 2024-12-31: 2024-06 … 2024-11); the evaluation month itself is
//   left out because its contribution is usually not yet booked.
// - "Paid in" counts distinct months with any contribution, whoever paid; one payment by the certificate's
//   employer (聘用单位) in any of those months clears the certificate.
// - Certificates of both registries are considered (expired ones too: the contract names no status);
//   only 三类人员 categories qualify.
// One pass over the insurance rows keeps those inside the window, of people the certificates know: a
// month bitmask per person, and the window rows grouped by person with their payer as an org id.

import { addMonths } from '../../domain/dates.js';
import type { SocialInsuranceRecord } from '../../domain/records.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind, groupBounds, groupByKey, isSanLeiCode } from '../context.js';
import { monthOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';

export function screenHungCertificates(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R05');
  const { insuranceLookbackMonths: lookback, insuranceMinPaidMonths: minPaid } = ctx.params;
  if (lookback > 31) throw new RangeError('insuranceLookbackMonths 不能超过 31');
  const first = ctx.asOfMonth - lookback;
  const last = ctx.asOfMonth - 1;
  const cert = ctx.certificates; // interns the holders first
  const persons = ctx.persons;
  const orgs = ctx.orgs;

  const insurance = ctx.dataset.social_insurance;
  const monthsPaid = new Int32Array(persons.size); // bit k: month first + k
  const personOfRow = new Int32Array(insurance.length);
  const payer = new Int32Array(insurance.length); // org id; −2 when no certificate names that payer
  let inWindow = 0;
  for (let i = 0; i < insurance.length; i++) {
    const r = insurance[i]!;
    const m = monthOf(r.month);
    const p = m < first || m > last ? -1 : persons.get(r.id_no);
    personOfRow[i] = p;
    if (p < 0) continue;
    monthsPaid[p]! |= 1 << (m - first);
    const o = orgs.get(r.employer_uscc);
    payer[i] = o < 0 ? -2 : o;
    inWindow++;
  }
  if (inWindow === 0) return [];
  const byPerson = groupByKey(personOfRow, persons.size);
  const { order } = byPerson;

  const certs = ctx.dataset.certificates;
  const months = `${addMonths(ctx.asOf.slice(0, 7), -lookback)} 至 ${addMonths(ctx.asOf.slice(0, 7), -1)}`;
  for (let j = 0; j < certs.length; j++) {
    const p = cert.person[j]!;
    if (p < 0 || !isSanLeiCode(cert.category[j]!)) continue;
    const paid = popcount(monthsPaid[p]!);
    if (paid < minPaid) continue;
    const employer = cert.employer[j]!;
    const [from, to] = groupBounds(byPerson, p);
    let byEmployer = false;
    if (employer >= 0) for (let x = from; x < to && !byEmployer; x++) byEmployer = payer[order[x]!] === employer;
    if (byEmployer) continue;
    const c = certs[j]!;
    const rows: SocialInsuranceRecord[] = [];
    for (let x = from; x < to; x++) rows.push(insurance[order[x]!]!);
    const employers = [...new Set(rows.map((r) => r.employer_uscc))].join('、');
    out.add(
      c.cert_no,
      `证书 ${c.cert_no} 聘用单位 ${c.employer_uscc ?? '（空）'}，持证人 ${c.name} 在 ${months} 有 ${paid} 个月由 ${employers} 缴纳社保，聘用单位未缴`,
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
