// R04 一证多岗 (concurrent posts): "the same certificate backs staffing records of two different projects
// that share at least one day" (contract §3). A record covers 进场日期 … 离场日期 both included, an empty
// 离场日期 running to the evaluation date; adjacent records (one leaves the day before the other starts) do
// not share a day. Two records of the same project never count, however they overlap.
//
// Sort + sweep per certificate: rows come ordered by start; keep the latest-ending earlier row and the
// latest-ending earlier row of a *different* project than that one, so each row is checked in O(1).

import type { ScreeningContext } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenConcurrentPosts(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R04');
  const { startDay, lastDay, project } = ctx.staffing;
  const { offsets, order } = ctx.staffingByCertNo;
  const keys = ctx.certNos.keys;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    if (to - from < 2) continue;
    let best = -1; // row with the latest last day so far
    let other = -1; // row with the latest last day among projects other than best's
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      if (lastDay[i]! < startDay[i]!) continue; // covers no day (e.g. starts after the evaluation date, still open)
      const pr = project[i]!;
      // A partner: an earlier-starting row of another project still on site on this row's start day.
      let partner = -1;
      if (best >= 0 && project[best] !== pr && lastDay[best]! >= startDay[i]!) partner = best;
      else if (other >= 0 && lastDay[other]! >= startDay[i]!) partner = other; // other's project ≠ best's = this one's
      if (partner >= 0) {
        const no = keys[g]!;
        const pa = partner;
        out.add(
          no,
          (r) => {
            const a = r.get('staffing', pa);
            const b = r.get('staffing', i);
            return `证书 ${no} 同时用于项目 ${a.project_no}（${a.start} 至 ${a.end ?? '今'}）和 ${b.project_no}（${b.start} 至 ${b.end ?? '今'}）`;
          },
          ['staffing', pa],
          ['staffing', i],
        );
      }
      if (best < 0 || lastDay[i]! > lastDay[best]!) {
        if (best >= 0 && project[best] !== pr) other = best;
        best = i;
      } else if (pr !== project[best] && (other < 0 || lastDay[i]! > lastDay[other]!)) {
        other = i;
      }
    }
  }
  return out.hits();
}
