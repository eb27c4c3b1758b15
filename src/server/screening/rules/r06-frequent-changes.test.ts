import { describe, expect, it } from 'vitest';
import { change, dataset, PERSON, subjectsOf } from '../test-factories.js';

const r06 = (...dates: string[]) => subjectsOf('R06', dataset({ changes: dates.map((d) => change(d)) }));

describe('R06 频繁变更', () => {
  it('reports three changes whose first and last dates are 364 days apart, not 365', () => {
    expect(r06('2023-01-02', '2023-06-01', '2024-01-01')).toEqual([PERSON]);
    expect(r06('2023-01-01', '2023-06-01', '2024-01-01')).toEqual([]);
  });

  it('needs three changes: two close ones are not enough', () => {
    expect(r06('2024-01-01', '2024-01-02')).toEqual([]);
  });

  it('finds three close changes among older ones', () => {
    expect(r06('2018-05-01', '2024-01-01', '2024-02-01', '2024-03-01')).toEqual([PERSON]);
    expect(r06('2018-05-01', '2020-01-01', '2022-02-01', '2024-03-01')).toEqual([]);
  });

  it('counts a move that re-registers two certificates on one day as one change', () => {
    const twoCerts = [change('2024-01-01'), change('2024-01-01', { cert_no: '川建(01)2023000001' }), change('2024-02-01')];
    expect(subjectsOf('R06', dataset({ changes: twoCerts }))).toEqual([]);
    expect(subjectsOf('R06', dataset({ changes: [...twoCerts, change('2024-03-01')] }))).toEqual([PERSON]);
    // Two different new employers on one day are two changes.
    const twoEmployers = [change('2024-01-01'), change('2024-01-01', { to_uscc: '91510100AAAAAAAA1X' }), change('2024-02-01')];
    expect(subjectsOf('R06', dataset({ changes: twoEmployers }))).toEqual([PERSON]);
  });

  it('takes its thresholds from the parameters', () => {
    const ds = dataset({ changes: [change('2024-01-01'), change('2024-02-01')] });
    expect(subjectsOf('R06', ds, { params: { frequentChangesMin: 2 } })).toEqual([PERSON]);
    expect(subjectsOf('R06', ds, { params: { frequentChangesMin: 2, frequentChangesWindowDays: 31 } })).toEqual([]);
  });
});
