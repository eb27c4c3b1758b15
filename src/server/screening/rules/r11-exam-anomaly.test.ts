import { describe, expect, it } from 'vitest';
import type { ExamRecord } from '../../domain/records.js';
import { dataset, exam, idNo, subjectsOf } from '../test-factories.js';

/** n candidates of sitting KS001, each its own person. */
const candidates = (n: number, p: Partial<ExamRecord> = {}, from = 0) =>
  Array.from({ length: n }, (_, k) => exam({ id_no: idNo('19900101', String(100 + from + k)), ...p }));
const r11 = (...groups: ExamRecord[][]) => subjectsOf('R11', dataset({ exams: groups.flat() }));
const fast = (mmss: string) => ({ start: '2024-10-02 09:00:00', submitted: `2024-10-02 09:${mmss}` });

describe('R11 考试异常', () => {
  it('reports five passing candidates with one answer fingerprint, not four', () => {
    expect(r11(candidates(5, { answers_hash: 'abc' }))).toEqual(['KS001']);
    expect(r11(candidates(4, { answers_hash: 'abc' }), candidates(3, { answers_hash: 'def' }, 10))).toEqual([]);
  });

  it('counts passing candidates only, and never empty fingerprints', () => {
    expect(r11(candidates(4, { answers_hash: 'abc' }), candidates(1, { answers_hash: 'abc', passed: false }, 10))).toEqual([]);
    expect(r11(candidates(6, { answers_hash: null }), candidates(6, { answers_hash: '' }, 10))).toEqual([]);
  });

  it('keeps sittings apart', () => {
    expect(r11(candidates(3, { answers_hash: 'abc' }), candidates(3, { answers_hash: 'abc', sitting_no: 'KS002' }, 10))).toEqual([]);
  });

  it('reports three passes submitted less than 10 minutes after the start, not two', () => {
    expect(r11(candidates(3, fast('09:59')))).toEqual(['KS001']);
    expect(r11(candidates(2, fast('05:00')), candidates(5, fast('45:00'), 10))).toEqual([]);
  });

  it('does not count exactly 10 minutes as fast', () => {
    expect(r11(candidates(2, fast('05:00')), candidates(1, fast('10:00'), 10))).toEqual([]);
  });

  it('does not count fast failures', () => {
    expect(r11(candidates(2, fast('05:00')), candidates(1, { ...fast('05:00'), passed: false }, 10))).toEqual([]);
  });

  it('takes its thresholds from the parameters', () => {
    const ds = dataset({ exams: candidates(2, fast('14:00')) });
    expect(subjectsOf('R11', ds, { params: { fastPassesMin: 2, fastPassMinutes: 15 } })).toEqual(['KS001']);
    expect(subjectsOf('R11', ds, { params: { fastPassesMin: 2 } })).toEqual([]);
  });
});
