import { describe, expect, it } from 'vitest';
import type { CertificateRecord, ExamRecord } from '../../domain/records.js';
import { addDays } from '../../domain/dates.js';
import { certificate, dataset, exam, subjectsOf } from '../test-factories.js';

const NO = '川建安B(2023)0000001';
const ISSUED = '2023-01-10';
const r10 = (rows: ExamRecord[], cert: Partial<CertificateRecord> = {}) =>
  subjectsOf('R10', dataset({ certificates: [certificate({ issued: ISSUED, ...cert })], exams: rows }));
/** A passing exam submitted n days before the issue date. */
const daysBefore = (n: number, p: Partial<ExamRecord> = {}) => {
  const day = addDays(ISSUED, -n);
  return exam({ start: `${day} 09:00:00`, submitted: `${day} 10:30:00`, ...p });
};
// An unrelated early sitting, so that the certificate falls after the earliest one.
const early = exam({ id_no: '11010519491231002X', start: '2020-01-01 09:00:00', submitted: '2020-01-01 10:00:00' });

describe('R10 无考发证', () => {
  it('accepts a pass submitted exactly 180 days before issue and reports one 181 days before', () => {
    expect(r10([early, daysBefore(180)])).toEqual([]);
    expect(r10([early, daysBefore(181)])).toEqual([NO]);
  });

  it('accepts a pass on the issue day but not after it', () => {
    expect(r10([early, daysBefore(0)])).toEqual([]);
    expect(r10([early, daysBefore(-1)])).toEqual([NO]);
  });

  it('needs a passing exam of the same category', () => {
    expect(r10([early, daysBefore(10, { passed: false })])).toEqual([NO]);
    expect(r10([early, daysBefore(10, { category: 'C2' })])).toEqual([NO]);
    expect(r10([early])).toEqual([NO]);
  });

  it('judges only certificates issued on or after the earliest sitting', () => {
    const first = exam({ id_no: '11010519491231002X', start: `${ISSUED} 09:00:00`, submitted: `${ISSUED} 10:00:00`, passed: false });
    expect(r10([first])).toEqual([NO]);
    expect(r10([{ ...first, start: '2023-01-11 09:00:00', submitted: '2023-01-11 10:00:00' }])).toEqual([]);
    expect(r10([])).toEqual([]);
  });

  it('leaves shared departments’ certificates alone', () => {
    expect(r10([early], { source: '应急管理厅' })).toEqual([]);
  });

  it('takes the window from the parameters', () => {
    const ds = dataset({ certificates: [certificate({ issued: ISSUED })], exams: [early, daysBefore(181)] });
    expect(subjectsOf('R10', ds, { params: { examWindowDays: 181 } })).toEqual([]);
  });
});
