// R06 频繁变更 (frequent employer changes): "a person with 3 or more employer changes whose first and last
// dates are less than 365 days apart" (contract §3).
// - Read as a sliding window: some 3 of the person's changes (consecutive by date) span less than 365
//   days, i.e. last − first ≤ 364. A person who changed 3 times in 4 months years after an old change
//   is a frequent changer; requiring *all* of a person's changes to fit in a year would miss them.
// - Changes of all the person's certificates count (the person is the subject). One move to a new
//   employer that re-registers several of the person's certificates on the same day (same date, same
//   新聘用单位) is one employer change, not several.

import type { ScreeningContext } from '../context.js';
import { groupByKey, sortGroupsBy } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenFrequentChanges(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R06');
  const { frequentChangesMin: k, frequentChangesWindowDays: window } = ctx.params;
  if (k < 1) return [];
  const { day, person, to } = ctx.changes;
  const byPerson = groupByKey(person, ctx.persons.size);
  sortGroupsBy(byPerson, day);
  const { offsets, order } = byPerson;
  const keys = ctx.persons.keys;
  const moves: number[] = []; // the person's distinct employer changes, as row positions, by date
  for (let g = 0; g + 1 < offsets.length; g++) {
    const from = offsets[g]!;
    const end = offsets[g + 1]!;
    if (end - from < k) continue;
    moves.length = 0;
    for (let x = from; x < end; x++) {
      const i = order[x]!;
      let duplicate = false;
      for (let y = moves.length - 1; y >= 0 && day[moves[y]!] === day[i]; y--) if (to[moves[y]!] === to[i]) duplicate = true;
      if (!duplicate) moves.push(i);
    }
    for (let a = 0; a + k - 1 < moves.length; a++) {
      const span = day[moves[a + k - 1]!]! - day[moves[a]!]!;
      if (span >= window) continue;
      const changes = moves.slice(a, a + k);
      const id = keys[g]!;
      out.add(
        id,
        (r) => `${id} 变更聘用单位 ${k} 次，首末相隔 ${span} 天（${r.get('changes', changes[0]!).date} 至 ${r.get('changes', changes[k - 1]!).date}）`,
        ...changes.map((i) => ['changes', i] as const),
      );
    }
  }
  return out.hits();
}
