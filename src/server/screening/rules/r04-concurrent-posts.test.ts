import { describe, expect, it } from 'vitest';
import type { StaffingRecord } from '../../domain/records.js';
import { addDays, dayNumber } from '../../domain/dates.js';
import { screen } from '../engine.js';
import { dataset, staffing, subjectsOf } from '../test-factories.js';

const NO = '川建安B(2023)0000001';
const r04 = (...rows: Array<Partial<StaffingRecord>>) => subjectsOf('R04', dataset({ staffing: rows.map((r) => staffing(r)) }));

describe('R04 一证多岗', () => {
  it('reports two projects sharing one day, not adjacent ones', () => {
    expect(r04({ project_no: 'P1', start: '2024-01-01', end: '2024-03-01' }, { project_no: 'P2', start: '2024-03-01', end: '2024-05-01' })).toEqual([NO]);
    expect(r04({ project_no: 'P1', start: '2024-01-01', end: '2024-03-01' }, { project_no: 'P2', start: '2024-03-02', end: '2024-05-01' })).toEqual([]);
  });

  it('never counts two records of the same project', () => {
    expect(r04({ project_no: 'P1', start: '2024-01-01', end: '2024-06-01' }, { project_no: 'P1', start: '2024-02-01', end: '2024-03-01' })).toEqual([]);
  });

  it('runs an open record to the evaluation date', () => {
    const rows = [staffing({ project_no: 'P1', start: '2024-01-01', end: null }), staffing({ project_no: 'P2', start: '2024-12-31', end: '2025-01-10' })];
    expect(subjectsOf('R04', dataset({ staffing: rows }), { asOf: '2024-12-31' })).toEqual([NO]);
    expect(subjectsOf('R04', dataset({ staffing: rows }), { asOf: '2024-12-30' })).toEqual([]);
  });

  it('finds a clash among several records of one project', () => {
    expect(
      r04(
        { project_no: 'P1', start: '2024-01-01', end: '2024-01-31' },
        { project_no: 'P1', start: '2024-02-01', end: '2024-12-01' },
        { project_no: 'P2', start: '2024-01-20', end: '2024-01-25' },
      ),
    ).toEqual([NO]);
  });

  it('reports each certificate once, with both rows of every clash as evidence', () => {
    const { hits } = screen(
      dataset({
        staffing: [
          staffing({ project_no: 'P1', start: '2024-01-01', end: '2024-02-01' }),
          staffing({ project_no: 'P2', start: '2024-01-15', end: '2024-03-01' }),
          staffing({ project_no: 'P3', start: '2024-02-15', end: '2024-04-01' }),
        ],
      }),
      { asOf: '2024-12-31', rules: ['R04'] },
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidence.map((e) => (e.row as unknown as StaffingRecord).project_no).sort()).toEqual(['P1', 'P2', 'P3']);
  });

  it('agrees with a brute-force pairwise check on random records', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const rows: StaffingRecord[] = [];
      const certs = ['C1', 'C2', 'C3'];
      for (let k = 0, n = 2 + rand(6); k < n; k++) {
        const start = addDays('2024-11-01', rand(80));
        rows.push(
          staffing({ cert_no: certs[rand(3)]!, project_no: 'P' + rand(3), start, end: rand(4) === 0 ? null : addDays(start, rand(20)) }),
        );
      }
      const asOf = '2024-12-31';
      const last = (r: StaffingRecord) => dayNumber(r.end ?? asOf);
      const expected = new Set<string>();
      for (const a of rows)
        for (const b of rows)
          if (a !== b && a.cert_no === b.cert_no && a.project_no !== b.project_no) {
            const from = Math.max(dayNumber(a.start), dayNumber(b.start));
            if (from <= Math.min(last(a), last(b))) expected.add(a.cert_no);
          }
      expect(subjectsOf('R04', dataset({ staffing: rows }), { asOf })).toEqual([...expected].sort());
    }
  });
});
