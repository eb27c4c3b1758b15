// R10 无考发证 (certificate without exam): "a certificate issued on or after the earliest sitting in
// `exams`, whose holder has no passing exam of the same category submitted within 180 days before its
// issue" (contract §3).
// - "Within N days before D" is the closed range [D − N, D] (§3), on the day of 交卷时间.
// - Only the issuing registry (`certificates`): shared departments examine their own certificates
//   (the contract example confirms: its 应急管理厅 T-numbers have no exams and are not reported).
// - The earliest sitting is the earliest 开考时间 in the whole exams file; older certificates are not judged.

import type { ScreeningContext } from '../context.js';
import { groupBounds } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenCertificatesWithoutExam(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R10');
  if (ctx.tables.exams.length === 0) return [];
  const cert = ctx.certificates;
  const e = ctx.exams;
  const byPerson = ctx.examsByPerson;
  const { order } = byPerson;
  let earliestSec = Infinity;
  for (let i = 0; i < e.startSec.length; i++) if (e.startSec[i]! < earliestSec) earliestSec = e.startSec[i]!;
  const earliest = Math.floor(earliestSec / 86_400);
  const window = ctx.params.examWindowDays;
  const certNos = ctx.certNos.keys;

  for (let j = 0; j < cert.length; j++) {
    if (cert.own[j] === 0) continue;
    const issued = cert.issuedDay[j]!;
    if (issued < earliest) continue;
    const cat = cert.category[j]!;
    const [from, to] = groupBounds(byPerson, cert.person[j]!);
    let found = false;
    for (let k = from; k < to && !found; k++) {
      const i = order[k]!;
      if (e.passed[i] === 0 || e.category[i] !== cat) continue;
      const d = e.submittedDay[i]!;
      found = d >= issued - window && d <= issued;
    }
    if (found) continue;
    // Evidence: the holder's exams of the category, whatever their outcome.
    const others: number[] = [];
    for (let k = from; k < to; k++) if (e.category[order[k]!] === cat) others.push(order[k]!);
    out.add(
      certNos[cert.certNo[j]!]!,
      (r) => {
        const c = r.get('certificates', j);
        return `证书 ${c.cert_no}（${c.category}）发证日 ${c.issued} 前 ${window} 天内持证人 ${c.name} 无该类别合格考试记录`;
      },
      ['certificates', j],
      ...others.map((x) => ['exams', x] as const),
    );
  }
  return out.hits();
}
