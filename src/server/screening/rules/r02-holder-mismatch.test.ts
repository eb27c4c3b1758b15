import { describe, expect, it } from 'vitest';
import { certificate, dataset, OTHER_PERSON, staffing, subjectsOf } from '../test-factories.js';

describe('R02 人证不符', () => {
  it('reports a number whose registered holder is someone else', () => {
    const ds = dataset({ certificates: [certificate()], staffing: [staffing({ id_no: OTHER_PERSON })] });
    expect(subjectsOf('R02', ds)).toEqual(['川建安B(2023)0000001']);
    expect(subjectsOf('R02', dataset({ certificates: [certificate()], staffing: [staffing()] }))).toEqual([]);
  });

  it('is cleared by any registration of the number held by the person', () => {
    const ds = dataset({
      certificates: [certificate(), certificate({ source: '应急管理厅', id_no: OTHER_PERSON })],
      staffing: [staffing({ id_no: OTHER_PERSON })],
    });
    expect(subjectsOf('R02', ds)).toEqual([]);
  });

  it('compares ID numbers in normalised form', () => {
    const holder = '11010519491231002X';
    const ds = dataset({
      certificates: [certificate({ id_no: holder })],
      staffing: [staffing({ id_no: ' 110105194912310０2x ' })],
    });
    expect(subjectsOf('R02', ds)).toEqual([]);
  });

  it('leaves unknown numbers to R01', () => {
    const ds = dataset({ certificates: [certificate()], staffing: [staffing({ cert_no: 'X1', id_no: OTHER_PERSON })] });
    expect(subjectsOf('R02', ds)).toEqual([]);
  });
});
