// R13 身份证号无效 (invalid ID number): "an ID number in `certificates` or `staffing` that fails
// GB 11643-1999: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character" (contract §3).
// `certificates` here is the issuing registry only; shared departments answer for their own records.
// Each distinct number is checked once. An empty number is not a number and is not reported.

import { residentIdProblem, type ResidentIdProblem } from '../../domain/resident-id.js';
import type { ScreeningContext } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

const PROBLEMS: readonly ResidentIdProblem[] = ['length', 'characters', 'birth_date', 'check_char'];
const PROBLEM_TEXT: Record<ResidentIdProblem, string> = {
  length: '长度不是 18 位',
  characters: '含有非法字符',
  birth_date: '出生日期不存在',
  check_char: '校验码错误',
};

export function screenInvalidIdNumbers(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R13');
  const cert = ctx.certificates;
  const staff = ctx.staffing;
  const keys = ctx.persons.keys;
  // Per person id: 0 not checked yet, 1 valid, 2 + index into PROBLEMS.
  const verdict = new Uint8Array(ctx.persons.size);
  const check = (p: number): number => {
    if (verdict[p] === 0) {
      const problem = residentIdProblem(keys[p]!);
      verdict[p] = problem === null ? 1 : 2 + PROBLEMS.indexOf(problem);
    }
    return verdict[p]!;
  };
  for (let j = 0; j < cert.length; j++) {
    const p = cert.person[j]!;
    if (p < 0 || cert.own[j] === 0 || check(p) === 1) continue;
    out.add(keys[p]!, reason(keys[p]!, PROBLEMS[verdict[p]! - 2]!), ['certificates', j]);
  }
  for (let i = 0; i < staff.length; i++) {
    const p = staff.person[i]!;
    if (p < 0 || check(p) === 1) continue;
    out.add(keys[p]!, reason(keys[p]!, PROBLEMS[verdict[p]! - 2]!), ['staffing', i]);
  }
  return out.hits();
}

const reason = (idNo: string, problem: ResidentIdProblem) => {
  const text = `身份证号 ${idNo} ${PROBLEM_TEXT[problem]}（GB 11643-1999）`;
  return () => text;
};
