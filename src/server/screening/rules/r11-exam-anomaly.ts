// R11 考试异常 (exam anomaly): "a sitting where 5 or more passing candidates share one non-empty
// answers_hash, or where 3 or more passing candidates submitted less than 10 minutes after the start"
// (contract §3). "After the start" is each row's own 开考时间; exactly 10 minutes is not fast.
// Rows are one per candidate per sitting (contract §1 identity), so rows count candidates.

import type { ExamRecord } from '../../domain/records.js';
import type { ScreeningContext } from '../context.js';
import { groupRows } from '../context.js';
import { HitCollector, type Hit } from '../types.js';

export function screenExamAnomalies(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R11');
  const exams = ctx.dataset.exams;
  const { startSec, submittedSec } = ctx.examTimes;
  const { identicalAnswersMin, fastPassesMin, fastPassMinutes } = ctx.params;
  const fastSec = fastPassMinutes * 60;
  const bySitting = groupRows(exams, (e) => (e.passed ? e.sitting_no : null));
  const { keys, offsets, order } = bySitting;
  const byHash = new Map<string, ExamRecord[]>();
  for (let g = 0; g < keys.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    const sitting = keys[g]!;
    if (to - from < Math.min(identicalAnswersMin, fastPassesMin)) continue;
    byHash.clear();
    const fast: ExamRecord[] = [];
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const e = exams[i]!;
      if (e.answers_hash !== null && e.answers_hash !== '') {
        const list = byHash.get(e.answers_hash);
        if (list) list.push(e);
        else byHash.set(e.answers_hash, [e]);
      }
      if (submittedSec[i]! - startSec[i]! < fastSec) fast.push(e);
    }
    for (const [hash, list] of byHash) {
      if (list.length < identicalAnswersMin) continue;
      out.add(
        sitting,
        `场次 ${sitting} 有 ${list.length} 名合格考生答卷指纹相同（${hash}）`,
        ...list.map((e) => ['exams', e] as const),
      );
    }
    if (fast.length >= fastPassesMin) {
      out.add(
        sitting,
        `场次 ${sitting} 有 ${fast.length} 名合格考生开考后不足 ${fastPassMinutes} 分钟交卷`,
        ...fast.map((e) => ['exams', e] as const),
      );
    }
  }
  return out.hits();
}
