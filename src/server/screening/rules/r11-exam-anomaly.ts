// R11 考试异常 (exam anomaly): "a sitting where 5 or more passing candidates share one non-empty
// answers_hash, or where 3 or more passing candidates submitted less than 10 minutes after the start"
// (contract §3). "After the start" is each row's own 开考时间; exactly 10 minutes is not fast.
// Rows are one per candidate per sitting (contract §1 identity), so rows count candidates.

import type { ScreeningContext } from '../context.js';
import { groupByKey } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenExamAnomalies(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R11');
  const e = ctx.exams;
  const { sittings, answerHashes } = ctx.examKeys;
  const { identicalAnswersMin, fastPassesMin, fastPassMinutes } = ctx.params;
  const fastSec = fastPassMinutes * 60;
  const passingSitting = new Int32Array(e.length);
  for (let i = 0; i < e.length; i++) passingSitting[i] = e.passed[i] === 1 ? e.sitting[i]! : -1;
  const { offsets, order } = groupByKey(passingSitting, sittings.length);
  const count = new Int32Array(answerHashes.length); // per fingerprint, within the current sitting; reset after it
  for (let g = 0; g < sittings.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    const sitting = sittings[g]!;

    if (to - from >= identicalAnswersMin) {
      let top = 0;
      for (let k = from; k < to; k++) {
        const h = e.answers[order[k]!]!;
        if (h >= 0 && ++count[h]! > top) top = count[h]!;
      }
      if (top >= identicalAnswersMin) {
        for (let k = from; k < to; k++) {
          const h = e.answers[order[k]!]!;
          if (h < 0 || count[h]! < identicalAnswersMin) continue;
          const same: number[] = [];
          for (let x = from; x < to; x++) if (e.answers[order[x]!] === h) same.push(order[x]!);
          const reason = `场次 ${sitting} 有 ${count[h]} 名合格考生答卷指纹相同（${answerHashes[h]}）`;
          out.add(sitting, () => reason, ...same.map((i) => ['exams', i] as const));
          count[h] = 0; // reported; do not report the same fingerprint again
        }
      }
      for (let k = from; k < to; k++) {
        const h = e.answers[order[k]!]!;
        if (h >= 0) count[h] = 0;
      }
    }

    let fast = 0;
    for (let k = from; k < to; k++) if (e.submittedSec[order[k]!]! - e.startSec[order[k]!]! < fastSec) fast++;
    if (fast >= fastPassesMin) {
      const rows: number[] = [];
      for (let k = from; k < to; k++) if (e.submittedSec[order[k]!]! - e.startSec[order[k]!]! < fastSec) rows.push(order[k]!);
      const reason = `场次 ${sitting} 有 ${fast} 名合格考生开考后不足 ${fastPassMinutes} 分钟交卷`;
      out.add(sitting, () => reason, ...rows.map((i) => ['exams', i] as const));
    }
  }
  return out.hits();
}
