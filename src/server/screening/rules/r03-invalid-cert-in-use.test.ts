import { describe, expect, it } from 'vitest';
import { certificate, dataset, OTHER_PERSON, staffing, subjectsOf } from '../test-factories.js';

const NO = '川建安B(2023)0000001';
const r03 = (cert: Parameters<typeof certificate>[0], staff: Parameters<typeof staffing>[0], asOf = '2024-12-31') =>
  subjectsOf('R03', dataset({ certificates: [certificate(cert)], staffing: [staffing(staff)] }), { asOf });

describe('R03 失效证书在岗', () => {
  it('reports a closed record ending the day after expiry, not one ending on the expiry day', () => {
    expect(r03({ expires: '2024-06-29' }, { end: '2024-06-30' })).toEqual([NO]);
    expect(r03({ expires: '2024-06-30' }, { end: '2024-06-30' })).toEqual([]);
  });

  it('lets an open record run to the evaluation date', () => {
    expect(r03({ expires: '2024-12-30' }, { end: null })).toEqual([NO]);
    expect(r03({ expires: '2024-12-31' }, { end: null })).toEqual([]);
    // The same record judged on an earlier evaluation date has not yet run past expiry.
    expect(r03({ expires: '2024-12-30' }, { end: null }, '2024-12-30')).toEqual([]);
  });

  it('judges a record with a 离场日期 after the evaluation date by that date (it covers every day to it)', () => {
    expect(r03({ expires: '2025-01-15' }, { end: '2025-03-01' })).toEqual([NO]);
    expect(r03({ expires: '2025-03-01' }, { end: '2025-03-01' })).toEqual([]);
  });

  it('reports a status other than 有效 only while the record is open', () => {
    expect(r03({ status: '暂扣' }, { end: null })).toEqual([NO]);
    expect(r03({ status: '吊销' }, { end: '2024-12-31' })).toEqual([NO]); // ends on the evaluation date: open
    expect(r03({ status: '撤销' }, { end: '2025-03-01' })).toEqual([NO]); // ends after it: open
    expect(r03({ status: '暂扣' }, { end: '2024-12-30' })).toEqual([]); // closed before it
    expect(r03({ status: '有效' }, { end: null })).toEqual([]);
  });

  it('is cleared by the registration held by the person when the number is registered twice', () => {
    const ds = dataset({
      certificates: [certificate({ source: '应急管理厅', id_no: OTHER_PERSON, status: '注销' }), certificate()],
      staffing: [staffing({ end: null })],
    });
    expect(subjectsOf('R03', ds)).toEqual([]);
    const bothBad = dataset({
      certificates: [certificate({ source: '应急管理厅', status: '注销' }), certificate({ expires: '2024-01-01' })],
      staffing: [staffing({ end: null })],
    });
    expect(subjectsOf('R03', bothBad)).toEqual([NO]);
  });

  it('ignores numbers no registry knows (R01)', () => {
    expect(subjectsOf('R03', dataset({ staffing: [staffing({ end: null })] }))).toEqual([]);
  });
});
