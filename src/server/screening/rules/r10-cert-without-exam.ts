// R10 无考发证 (certificate without exam): "a certificate issued on or after the earliest sitting in
// `exams`, whose holder has no passing exam of the same category submitted within 180 days before its
// issue" (contract §3).
// - "Within N days before D" is the closed range [D − N, D] (§3), on the day of 交卷时间.
// - Only the issuing registry (`certificates`): shared departments examine their own certificates.
// - The earliest sitting is the earliest 开考时间 in the whole exams file; older certificates are not judged.

import type { ScreeningContext } from '../context.js';
import { groupRows } from '../context.js';
import { dayOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';
import type { ExamRecord } from '../../domain/records.js';

export function screenCertificatesWithoutExam(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R10');
  const exams = ctx.dataset.exams;
  if (exams.length === 0) return [];
  const { startSec, submittedDay } = ctx.examTimes;
  let earliestSec = Infinity;
  for (let i = 0; i < startSec.length; i++) if (startSec[i]! < earliestSec) earliestSec = startSec[i]!;
  const earliest = Math.floor(earliestSec / 86_400);
  // Passing exams only, by person.
  const passedByPerson = groupRows(exams, (e) => (e.passed ? e.id_no : null));
  const { groupOf, offsets, order } = passedByPerson;
  const window = ctx.params.examWindowDays;

  for (const c of ctx.ownCertificates) {
    const issued = dayOf(c.issued);
    if (issued < earliest) continue;
    const g = groupOf.get(c.id_no);
    let found = false;
    const others: ExamRecord[] = [];
    if (g !== undefined) {
      for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
        const i = order[k]!;
        const e = exams[i]!;
        if (e.category !== c.category) continue;
        const d = submittedDay[i]!;
        if (d >= issued - window && d <= issued) {
          found = true;
          break;
        }
        others.push(e);
      }
    }
    if (found) continue;
    out.add(
      c.cert_no,
      `证书 ${c.cert_no}（${c.category}）发证日 ${c.issued} 前 ${window} 天内持证人 ${c.name} 无该类别合格考试记录`,
      ['certificates', c],
      ...others.map((e) => ['exams', e] as const),
    );
  }
  return out.hits();
}
