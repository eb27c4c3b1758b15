import { describe, expect, it } from 'vitest';
import type { CertificateRecord, TrainingRecord } from '../../domain/records.js';
import { certificate, dataset, enoughTraining, subjectsOf, training } from '../test-factories.js';

const NO = '川建安B(2023)0000001';
const r07 = (rows: TrainingRecord[], cert: Partial<CertificateRecord> = {}, params = {}) =>
  subjectsOf('R07', dataset({ certificates: [certificate(cert)], training: rows }), { params });

/** n 学时 in one session starting on a given day. */
const session = (day: string, hours: number, p: Partial<TrainingRecord> = {}) =>
  training({ start: `${day} 08:00:00`, end: `${day} 17:00:00`, hours, ...p });

describe('R07 学时不足', () => {
  it('accepts exactly the minimum and reports less', () => {
    expect(r07(enoughTraining())).toEqual([]); // 6 × 8 = 48
    expect(r07([...enoughTraining('B', undefined, 5), session('2022-12-20', 7.5)])).toEqual([NO]); // 47.5
  });

  it('counts sessions starting within [issue − 365 days, issue], both ends included', () => {
    const forty = enoughTraining('B', undefined, 5);
    expect(r07([...forty, session('2022-01-10', 8)])).toEqual([]); // exactly 365 days before 2023-01-10
    expect(r07([...forty, session('2022-01-09', 8)])).toEqual([NO]); // 366
    expect(r07([...forty, session('2023-01-10', 8)])).toEqual([]); // on the issue day
    expect(r07([...forty, session('2023-01-11', 8)])).toEqual([NO]); // after it
  });

  it('counts only sessions of the certificate’s category', () => {
    const forty = enoughTraining('B', undefined, 5);
    expect(r07([...forty, session('2022-12-20', 8, { category: 'C2' })])).toEqual([NO]);
    expect(r07([...forty, session('2022-12-20', 8, { category: 'JX' })])).toEqual([NO]);
  });

  it('uses 32 学时 for TZ and the configured minimum per category', () => {
    const tz = { cert_no: '川建(01)2023000001', category: 'TZ' };
    expect(r07(enoughTraining('TZ', undefined, 4), tz)).toEqual([]);
    expect(r07(enoughTraining('TZ', undefined, 3), tz)).toEqual(['川建(01)2023000001']);
    expect(r07(enoughTraining('B', undefined, 5), {}, { minTrainingHours: { B: 40 } })).toEqual([]);
  });

  it('judges only certificates issued on or after the earliest session in the file', () => {
    const other = training({ id_no: '110105194912310020', start: '2023-01-10 08:00:00', end: '2023-01-10 10:00:00', hours: 2 });
    expect(r07([other])).toEqual([NO]); // issued on the earliest session's day
    expect(r07([{ ...other, start: '2023-01-11 08:00:00', end: '2023-01-11 10:00:00' }])).toEqual([]); // issued before it
    expect(r07([])).toEqual([]); // no training file, nothing to judge by
  });

  it('leaves shared departments’ certificates alone', () => {
    expect(r07([session('2022-12-01', 1)], { source: '应急管理厅' })).toEqual([]);
  });
});
