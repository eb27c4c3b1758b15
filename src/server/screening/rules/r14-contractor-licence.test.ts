import { describe, expect, it } from 'vitest';
import type { EnterpriseRecord, StaffingRecord } from '../../domain/records.js';
import { dataset, EMPLOYER, enterprise, staffing, subjectsOf } from '../test-factories.js';

const r14 = (ent: Partial<EnterpriseRecord> | null, post: Partial<StaffingRecord>, asOf = '2024-12-31') =>
  subjectsOf('R14', dataset({ enterprises: ent ? [enterprise(ent)] : [], staffing: [staffing(post)] }), { asOf });

describe('R14 无证或失效许可施工', () => {
  it('reports a contractor missing from enterprises, or without a licence number', () => {
    expect(r14(null, {})).toEqual([EMPLOYER]);
    expect(r14({ license_no: null, license_expires: null }, {})).toEqual([EMPLOYER]);
    expect(r14({}, {})).toEqual([]);
  });

  it('accepts a licence expiring the day the record ends and reports one expiring the day before', () => {
    expect(r14({ license_expires: '2024-06-30' }, { end: '2024-06-30' })).toEqual([]);
    expect(r14({ license_expires: '2024-06-29' }, { end: '2024-06-30' })).toEqual([EMPLOYER]);
  });

  it('lets an open record run to the evaluation date', () => {
    expect(r14({ license_expires: '2024-12-31' }, { end: null })).toEqual([]);
    expect(r14({ license_expires: '2024-12-30' }, { end: null })).toEqual([EMPLOYER]);
    expect(r14({ license_expires: '2024-12-30' }, { end: null }, '2024-12-30')).toEqual([]);
  });

  it('reports a status other than 有效 only while the record is open', () => {
    expect(r14({ license_status: '暂扣' }, { end: null })).toEqual([EMPLOYER]);
    expect(r14({ license_status: '吊销' }, { end: '2024-12-31' })).toEqual([EMPLOYER]);
    expect(r14({ license_status: '暂扣' }, { end: '2024-12-30' })).toEqual([]);
  });

  it('judges each contractor by its own licence, once', () => {
    const other = '91510700MA62T5LU9Q';
    const ds = dataset({
      enterprises: [enterprise(), enterprise({ uscc: other, license_status: '注销' })],
      staffing: [staffing({ end: null }), staffing({ contractor_uscc: other, end: null }), staffing({ contractor_uscc: other, project_no: 'XM9', end: null })],
    });
    expect(subjectsOf('R14', ds)).toEqual([other]);
  });
});
