import { describe, expect, it } from 'vitest';
import { ageOn, birthDateOf, isMale, isValidResidentId, residentIdCheckChar, residentIdProblem } from './resident-id.js';

describe('GB 11643-1999 resident ID', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('510104198006089657')).toBe(true);
  });
  it('names what is wrong', () => {
    expect(residentIdProblem('11010519491231002')).toBe('length');
    expect(residentIdProblem('1101051949123100XX')).toBe('characters');
    expect(residentIdProblem('11010519491331002X')).toBe('birth_date'); // month 13
    expect(residentIdProblem('11010519490229002X')).toBe('birth_date'); // 1949 is no leap year
    expect(residentIdProblem('110105194912310021')).toBe('check_char');
  });
  it('reads birth date, sex and age', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(isMale('11010519491231002X')).toBe(false);
    expect(isMale('510104198006089657')).toBe(true);
    expect(ageOn('510104200006089657', '2018-06-07')).toBe(17);
    expect(ageOn('510104200006089657', '2018-06-08')).toBe(18);
  });
});
