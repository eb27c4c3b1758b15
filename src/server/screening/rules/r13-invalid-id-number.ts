// R13 身份证号无效 (invalid ID number): "an ID number in `certificates` or `staffing` that fails
// GB 11643-1999: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character" (contract §3).
// `certificates` here is the issuing registry only; shared departments answer for their own records.
// Each distinct number is checked once. An empty number is not a number and is not reported.

import { residentIdProblem, type ResidentIdProblem } from '../../domain/resident-id.js';
import type { ScreeningContext } from '../context.js';
import { HitCollector, type EvidenceKind, type Hit } from '../types.js';

const PROBLEM_TEXT: Record<ResidentIdProblem, string> = {
  length: '长度不是 18 位',
  characters: '含有非法字符',
  birth_date: '出生日期不存在',
  check_char: '校验码错误',
};

export function screenInvalidIdNumbers(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R13');
  const checked = new Map<string, ResidentIdProblem | null>();
  const visit = (kind: EvidenceKind, idNo: string, row: object) => {
    if (idNo === '') return;
    let problem = checked.get(idNo);
    if (problem === undefined) {
      problem = residentIdProblem(idNo);
      checked.set(idNo, problem);
    }
    if (problem !== null) out.add(idNo, `身份证号 ${idNo} ${PROBLEM_TEXT[problem]}（GB 11643-1999）`, [kind, row]);
  };
  for (const c of ctx.ownCertificates) visit('certificates', c.id_no, c);
  for (const s of ctx.dataset.staffing) visit('staffing', s.id_no, s);
  return out.hits();
}
