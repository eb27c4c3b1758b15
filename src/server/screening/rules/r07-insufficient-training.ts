// R07 学时不足 (insufficient training hours): "a certificate issued on or after the earliest session in
// `training`, whose holder's 学时 in sessions of the certificate's category starting within 365 days before
// its issue add up to less than the minimum (A, B, C1-C3: 48; TZ: 32)" (contract §3).
// - "Within N days before D" is the closed range [D − N, D] (§3), on the session's start day.
// - Only the issuing registry (`certificates`): shared departments' certificates are trained elsewhere.
// - Sessions count by category only (继续教育 JX never counts toward a first issue); whichever class.
// - The earliest session is the earliest start in the whole training file: before it the file says
//   nothing, so older certificates are not judged.

import type { ScreeningContext } from '../context.js';
import { dayOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';
import type { CertCategory } from '../../domain/certificates.js';
import type { TrainingRecord } from '../../domain/records.js';

const EPS = 1e-9;

export function screenInsufficientTraining(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R07');
  const training = ctx.dataset.training;
  if (training.length === 0) return [];
  const { startDay } = ctx.trainingTimes;
  let earliest = Infinity;
  for (let i = 0; i < startDay.length; i++) if (startDay[i]! < earliest) earliest = startDay[i]!;
  const { groupOf, offsets, order } = ctx.trainingByPerson;
  const { minTrainingHours, trainingWindowDays } = ctx.params;

  for (const c of ctx.ownCertificates) {
    const min = minTrainingHours[c.category as CertCategory];
    if (min === undefined) continue;
    const issued = dayOf(c.issued);
    if (issued < earliest) continue;
    const from = issued - trainingWindowDays;
    let hours = 0;
    const g = groupOf.get(c.id_no);
    const counted: TrainingRecord[] = [];
    if (g !== undefined) {
      for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
        const i = order[k]!;
        const d = startDay[i]!;
        if (d < from) continue;
        if (d > issued) break; // rows are ordered by start
        const t = training[i]!;
        if (t.category !== c.category) continue;
        hours += t.hours;
        counted.push(t);
      }
    }
    if (hours >= min - EPS) continue;
    out.add(
      c.cert_no,
      `证书 ${c.cert_no}（${c.category}）发证日 ${c.issued} 前 ${trainingWindowDays} 天内持证人 ${c.name} 仅有 ${round2(hours)} 学时，少于 ${min} 学时`,
      ['certificates', c],
      ...counted.map((t) => ['training', t] as const),
    );
  }
  return out.hits();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
