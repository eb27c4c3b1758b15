import { describe, expect, it } from 'vitest';
import type { SocialInsuranceRecord } from '../../domain/records.js';
import { screen } from '../engine.js';
import { certificate, dataset, EMPLOYER, insurance, OTHER_EMPLOYER, subjectsOf } from '../test-factories.js';

const NO = '川建安B(2023)0000001';
const elsewhere = (...months: string[]) => months.map((m) => insurance(m, { employer_uscc: OTHER_EMPLOYER }));
const r05 = (rows: SocialInsuranceRecord[], cert = certificate(), asOf = '2024-12-31') =>
  subjectsOf('R05', dataset({ certificates: [cert], social_insurance: rows }), { asOf });

describe('R05 人社分离（挂证）', () => {
  it('reports 3 months paid elsewhere in the six months before the evaluation month', () => {
    expect(r05(elsewhere('2024-06', '2024-07', '2024-11'))).toEqual([NO]);
  });

  it('stays silent with only two months paid elsewhere', () => {
    expect(r05(elsewhere('2024-06', '2024-11'))).toEqual([]);
  });

  it('is cleared by a single month paid by the certificate’s employer', () => {
    expect(r05([...elsewhere('2024-06', '2024-07', '2024-08'), insurance('2024-11', { employer_uscc: EMPLOYER })])).toEqual([]);
  });

  it('looks at months asOf−6 … asOf−1 only: the evaluation month and the seventh month back do not count', () => {
    expect(r05(elsewhere('2024-05', '2024-06', '2024-11', '2024-12'))).toEqual([]);
    // …so the employer paying only in those months does not clear the certificate either.
    expect(r05([...elsewhere('2024-06', '2024-07', '2024-08'), insurance('2024-12'), insurance('2024-05')])).toEqual([NO]);
    // The window moves with the evaluation date.
    expect(r05(elsewhere('2024-05', '2024-06', '2024-10'), certificate(), '2024-11-30')).toEqual([NO]);
    expect(r05(elsewhere('2024-05', '2024-06', '2024-10'), certificate(), '2024-12-01')).toEqual([]);
  });

  it('counts months, not rows: three payers in one month are one month', () => {
    const rows = ['91510100AAAAAAAA1X', '91510100BBBBBBBB2X', OTHER_EMPLOYER].map((u) => insurance('2024-08', { employer_uscc: u }));
    expect(r05([...rows, ...elsewhere('2024-09')])).toEqual([]);
    expect(r05([...rows, ...elsewhere('2024-09', '2024-10')])).toEqual([NO]);
  });

  it('applies to 三类人员 only, not to TZ certificates', () => {
    expect(r05(elsewhere('2024-06', '2024-07', '2024-08'), certificate({ category: 'TZ' }))).toEqual([]);
    expect(r05(elsewhere('2024-06', '2024-07', '2024-08'), certificate({ category: 'C3' }))).toEqual([NO]);
  });

  it('takes its thresholds from the parameters', () => {
    const ds = dataset({ certificates: [certificate()], social_insurance: elsewhere('2024-10', '2024-11') });
    expect(subjectsOf('R05', ds, { params: { insuranceMinPaidMonths: 2 } })).toEqual([NO]);
    expect(subjectsOf('R05', ds, { params: { insuranceLookbackMonths: 1, insuranceMinPaidMonths: 1 } })).toEqual([NO]);
  });

  it('shows the holder’s insurance rows in the window as evidence', () => {
    const rows = [...elsewhere('2024-06', '2024-07', '2024-08'), ...elsewhere('2023-01')];
    const { hits } = screen(dataset({ certificates: [certificate()], social_insurance: rows }), { asOf: '2024-12-31', rules: ['R05'] });
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(['certificates', 'social_insurance', 'social_insurance', 'social_insurance']);
  });
});
