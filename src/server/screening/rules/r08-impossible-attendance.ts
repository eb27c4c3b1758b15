// R08 学时冲突 (impossible attendance): "a person attends two sessions of different classes that overlap in
// time, or is credited with more than 8 学时 in sessions starting on one calendar day" (contract §3).
// - Overlap is strict: one session ending at 12:00 and another starting at 12:00 do not overlap (the
//   contract example has such back-to-back sessions of different classes and does not report them).
// - Two sessions of the same class never count as a clash (a class may run parallel groups).
// - The day cap compares the sum of claimed 学时 of sessions whose start falls on that day: exactly 8 is
//   allowed, 8.5 is not.
// Sort + sweep per person: rows come ordered by start; the latest-ending earlier session, and the
// latest-ending earlier one of a different class than that, are enough to find a clash in O(1) per row.

import type { ScreeningContext } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

const EPS = 1e-9;

export function screenImpossibleAttendance(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R08');
  const { startSec, endSec, startDay, classNo, hours } = ctx.training;
  const { offsets, order } = ctx.trainingByPerson;
  const keys = ctx.persons.keys;
  const cap = ctx.params.maxHoursPerDay;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    let best = -1;
    let other = -1;
    let dayStart = from; // first position (in order) of the current start day
    let dayHours = 0;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const cls = classNo[i]!;

      // Day cap: rows are ordered by start, so one calendar day is a contiguous run.
      if (k > from && startDay[i] !== startDay[order[k - 1]!]) {
        dayStart = k;
        dayHours = 0;
      }
      dayHours += hours[i]!;
      if (dayHours > cap + EPS && (k + 1 === to || startDay[order[k + 1]!] !== startDay[i])) {
        const sessions: number[] = [];
        for (let x = dayStart; x <= k; x++) sessions.push(order[x]!);
        const id = keys[g]!;
        const total = dayHours;
        out.add(
          id,
          (r) => {
            const t = r.get('training', i);
            return `${t.name ?? id}（${id}）${t.start.slice(0, 10)} 开始的培训合计 ${round2(total)} 学时，超过每日 ${cap} 学时`;
          },
          ...sessions.map((x) => ['training', x] as const),
        );
      }

      // Overlap with an earlier session of another class.
      let partner = -1;
      if (best >= 0 && classNo[best] !== cls && endSec[best]! > startSec[i]!) partner = best;
      else if (other >= 0 && endSec[other]! > startSec[i]!) partner = other;
      if (partner >= 0) {
        const id = keys[g]!;
        const pa = partner;
        out.add(
          id,
          (r) => {
            const a = r.get('training', pa);
            const b = r.get('training', i);
            return `${b.name ?? id}（${id}）同时参加班级 ${a.class_no}（${a.start} 至 ${a.end}）和 ${b.class_no}（${b.start} 至 ${b.end}）`;
          },
          ['training', pa],
          ['training', i],
        );
      }
      if (best < 0 || endSec[i]! > endSec[best]!) {
        if (best >= 0 && classNo[best] !== cls) other = best;
        best = i;
      } else if (cls !== classNo[best] && (other < 0 || endSec[i]! > endSec[other]!)) {
        other = i;
      }
    }
  }
  return out.hits();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
