import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../domain/records.js';
import { minuteNumber } from '../../domain/dates.js';
import { dataset, PERSON, subjectsOf, training } from '../test-factories.js';

const r08 = (...rows: Array<Partial<TrainingRecord>>) => subjectsOf('R08', dataset({ training: rows.map((r) => training(r)) }));
const at = (start: string, end: string, class_no: string, hours = 2) => ({ start: `2024-03-01 ${start}:00`, end: `2024-03-01 ${end}:00`, class_no, hours });

describe('R08 学时冲突', () => {
  it('reports overlapping sessions of different classes, not back-to-back ones', () => {
    expect(r08(at('09:00', '12:00', 'PX1'), at('11:59', '14:00', 'PX2'))).toEqual([PERSON]);
    expect(r08(at('09:00', '12:00', 'PX1'), at('12:00', '14:00', 'PX2'))).toEqual([]);
  });

  it('does not count overlapping sessions of one class', () => {
    expect(r08(at('09:00', '12:00', 'PX1'), at('10:00', '11:00', 'PX1'))).toEqual([]);
  });

  it('finds a clash among several sessions of one class', () => {
    expect(r08(at('08:00', '09:00', 'PX2'), at('08:30', '18:00', 'PX1', 1), at('08:45', '08:50', 'PX1', 0))).toEqual([PERSON]);
  });

  it('allows exactly 8 学时 starting on one day and reports 8.5', () => {
    expect(r08(at('08:00', '12:00', 'PX1', 4), at('13:00', '17:00', 'PX1', 4))).toEqual([]);
    expect(r08(at('08:00', '12:00', 'PX1', 4), at('13:00', '17:00', 'PX1', 4.5))).toEqual([PERSON]);
  });

  it('puts a session on the day it starts', () => {
    const lateNight = { start: '2024-03-01 20:00:00', end: '2024-03-02 02:00:00', class_no: 'PX1', hours: 6 };
    expect(r08(lateNight, { ...at('08:00', '10:00', 'PX1', 2), start: '2024-03-02 08:00:00', end: '2024-03-02 10:00:00' })).toEqual([]);
    expect(r08(lateNight, at('08:00', '10:00', 'PX1', 2.5))).toEqual([PERSON]);
  });

  it('keeps people apart', () => {
    expect(r08(at('09:00', '12:00', 'PX1'), { ...at('10:00', '11:00', 'PX2'), id_no: '11010519491231002X' })).toEqual([]);
  });

  it('agrees with a brute-force pairwise check on random sessions', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let round = 0; round < 300; round++) {
      const rows: TrainingRecord[] = [];
      for (let k = 0, n = 2 + rand(7); k < n; k++) {
        const day = 1 + rand(3);
        const h = 6 + rand(14);
        const len = 1 + rand(5);
        rows.push(
          training({
            id_no: rand(2) ? PERSON : '11010519491231002X',
            class_no: 'PX' + rand(3),
            start: `2024-03-0${day} ${pad(h)}:00:00`,
            end: `2024-03-0${day} ${pad(h + len)}:${rand(2) ? '00' : '30'}:00`,
            hours: len,
          }),
        );
      }
      const expected = new Set<string>();
      for (const a of rows)
        for (const b of rows)
          if (a !== b && a.id_no === b.id_no && a.class_no !== b.class_no && minuteNumber(a.start) < minuteNumber(b.end) && minuteNumber(b.start) < minuteNumber(a.end))
            expected.add(a.id_no);
      const perDay = new Map<string, number>();
      for (const a of rows) perDay.set(a.id_no + a.start.slice(0, 10), (perDay.get(a.id_no + a.start.slice(0, 10)) ?? 0) + a.hours);
      for (const [k, v] of perDay) if (v > 8) expected.add(k.slice(0, 18));
      expect(subjectsOf('R08', dataset({ training: rows }))).toEqual([...expected].sort());
    }
  });
});
