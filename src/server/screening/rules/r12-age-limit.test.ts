import { describe, expect, it } from 'vitest';
import type { CertificateRecord, StaffingRecord } from '../../domain/records.js';
import { certificate, dataset, idNo, PERSON, staffing, subjectsOf } from '../test-factories.js';

const TZ = '川建(01)2023000001';
const tz = (p: Partial<CertificateRecord>) => certificate({ cert_no: TZ, category: 'TZ', ...p });
const r12 = (cert: CertificateRecord, ...posts: Array<Partial<StaffingRecord>>) =>
  subjectsOf('R12', dataset({ certificates: [cert], staffing: posts.map((p) => staffing({ cert_no: cert.cert_no, ...p })) }));

describe('R12 年龄不符', () => {
  it('reports a TZ holder who was 17 on the issue day, not one who turned 18 that day', () => {
    expect(r12(tz({ id_no: idNo('20050111'), issued: '2023-01-10' }))).toEqual([TZ]);
    expect(r12(tz({ id_no: idNo('20050110'), issued: '2023-01-10' }))).toEqual([]);
  });

  it('reports a holder who was 60 on a post’s start day, not one who was 59', () => {
    const holder = idNo('19640301');
    expect(r12(tz({ id_no: holder }), { id_no: holder, start: '2024-03-01', end: null })).toEqual([TZ]);
    expect(r12(tz({ id_no: holder }), { id_no: holder, start: '2024-02-29', end: null })).toEqual([]);
  });

  it('takes the age from the certificate’s registered holder, not the person on site', () => {
    const old = idNo('19500101');
    expect(r12(tz({ id_no: old }), { id_no: PERSON, start: '2024-03-01' })).toEqual([TZ]);
    expect(r12(tz({ id_no: PERSON }), { id_no: old, start: '2024-03-01' })).toEqual([]);
  });

  it('lets someone born on 29 February turn a year older on 1 March in common years', () => {
    const leap = idNo('20040229');
    expect(r12(tz({ id_no: leap, issued: '2022-02-28' }))).toEqual([TZ]);
    expect(r12(tz({ id_no: leap, issued: '2022-03-01' }))).toEqual([]);
    const oldLeap = idNo('19640229');
    expect(r12(tz({ id_no: oldLeap }), { id_no: oldLeap, start: '2024-02-28' })).toEqual([]);
    expect(r12(tz({ id_no: oldLeap }), { id_no: oldLeap, start: '2024-02-29' })).toEqual([TZ]);
    // Turning 61 in a common year: still 60 on 28 February, 61 on 1 March.
    const at61 = (start: string) =>
      subjectsOf('R12', dataset({ certificates: [tz({ id_no: oldLeap, issued: '2023-01-01' })], staffing: [staffing({ cert_no: TZ, id_no: oldLeap, start })] }), {
        params: { maxAge: 61 },
      });
    expect(at61('2025-02-28')).toEqual([]);
    expect(at61('2025-03-01')).toEqual([TZ]);
  });

  it('applies to TZ certificates only', () => {
    expect(r12(certificate({ id_no: idNo('20050111'), issued: '2023-01-10' }))).toEqual([]);
    const old = idNo('19500101');
    expect(r12(certificate({ id_no: old }), { id_no: old })).toEqual([]);
  });

  it('gives no age, and no hit, for an ID without a real birth date', () => {
    expect(r12(tz({ id_no: '510104201013010011' }))).toEqual([]);
  });

  it('takes the limits from the parameters', () => {
    const ds = dataset({ certificates: [tz({ id_no: idNo('20040111'), issued: '2023-01-10' })] });
    expect(subjectsOf('R12', ds)).toEqual([]);
    expect(subjectsOf('R12', ds, { params: { minAge: 19 } })).toEqual([TZ]);
  });
});
