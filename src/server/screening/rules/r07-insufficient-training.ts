// R07 学时不足 (insufficient training hours): "a certificate issued on or after the earliest session in
// `training`, whose holder's 学时 in sessions of the certificate's category starting within 365 days before
// its issue add up to less than the minimum (A, B, C1-C3: 48; TZ: 32)" (contract §3).
// - "Within N days before D" is the closed range [D − N, D] (§3), on the session's start day.
// - Only the issuing registry (`certificates`): shared departments' certificates are trained elsewhere
//   (the contract example confirms: its 应急管理厅 T-numbers have no training and are not reported).
// - Sessions count by category only (继续教育 JX never counts toward a first issue); whichever class.
// - The earliest session is the earliest start in the whole training file: before it the file says
//   nothing, so older certificates are not judged.

import type { ScreeningContext } from '../context.js';
import { CATEGORY_CODES, groupBounds } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

const EPS = 1e-9;

export function screenInsufficientTraining(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R07');
  if (ctx.tables.training.length === 0) return [];
  const cert = ctx.certificates;
  const t = ctx.training;
  const byPerson = ctx.trainingByPerson;
  const { order } = byPerson;
  let earliest = Infinity;
  for (let i = 0; i < t.startDay.length; i++) if (t.startDay[i]! < earliest) earliest = t.startDay[i]!;
  const { minTrainingHours, trainingWindowDays } = ctx.params;
  const minByCode = CATEGORY_CODES.map((c) => (minTrainingHours as Record<string, number | undefined>)[c]);
  const certNos = ctx.certNos.keys;

  for (let j = 0; j < cert.length; j++) {
    const cat = cert.category[j]!;
    if (cert.own[j] === 0 || cat < 0) continue;
    const min = minByCode[cat];
    if (min === undefined) continue;
    const issued = cert.issuedDay[j]!;
    if (issued < earliest) continue;
    const windowStart = issued - trainingWindowDays;
    const [first, end] = groupBounds(byPerson, cert.person[j]!);
    let hours = 0;
    for (let k = first; k < end; k++) {
      const i = order[k]!;
      const d = t.startDay[i]!;
      if (d < windowStart) continue;
      if (d > issued) break; // rows are ordered by start
      if (t.category[i] === cat) hours += t.hours[i]!;
    }
    if (hours >= min - EPS) continue;
    const counted: number[] = [];
    for (let k = first; k < end; k++) {
      const i = order[k]!;
      if (t.startDay[i]! >= windowStart && t.startDay[i]! <= issued && t.category[i] === cat) counted.push(i);
    }
    out.add(
      certNos[cert.certNo[j]!]!,
      (r) => {
        const c = r.get('certificates', j);
        return `证书 ${c.cert_no}（${c.category}）发证日 ${c.issued} 前 ${trainingWindowDays} 天内持证人 ${c.name} 仅有 ${round2(hours)} 学时，少于 ${min} 学时`;
      },
      ['certificates', j],
      ...counted.map((x) => ['training', x] as const),
    );
  }
  return out.hits();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
