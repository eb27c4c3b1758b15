// R09 虚报学时 (padded hours): "a session row claims more 学时 than its duration allows: minutes / 45 + 0.25"
// (contract §3). Exactly minutes / 45 + 0.25 is allowed. Compared in seconds so that quarter-hour claims
// and whole-minute times compare exactly: hours × 45 × 60 > seconds + 0.25 × 45 × 60.

import type { ScreeningContext } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

const EPS = 1e-6; // seconds

export function screenPaddedHours(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R09');
  const { startSec, endSec, hours, classNo, length } = ctx.training;
  const classNos = ctx.classNos;
  const { minutesPerStudyHour, hoursTolerance } = ctx.params;
  const secPerHour = minutesPerStudyHour * 60;
  const slack = hoursTolerance * secPerHour;
  for (let i = 0; i < length; i++) {
    const duration = endSec[i]! - startSec[i]!;
    if (hours[i]! * secPerHour <= duration + slack + EPS) continue;
    const minutes = Math.round((duration / 60) * 100) / 100;
    const allowed = Math.floor((duration / secPerHour + hoursTolerance) * 100) / 100;
    out.add(
      classNos[classNo[i]!]!,
      (r) => {
        const t = r.get('training', i);
        return `班级 ${t.class_no} ${t.name ?? t.id_no} ${t.start} 至 ${t.end} 共 ${minutes} 分钟，申报 ${t.hours} 学时，最多 ${allowed} 学时`;
      },
      ['training', i],
    );
  }
  return out.hits();
}
