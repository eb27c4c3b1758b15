import { describe, expect, it } from 'vitest';
import { screen } from '../engine.js';
import { certificate, dataset, idNo, staffing, subjectsOf } from '../test-factories.js';

const valid = idNo('19800101');
const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
const month13 = (() => {
  const first17 = '51010419801301001';
  return first17 + 'X'; // a 13th month fails before the check character is looked at
})();

describe('R13 身份证号无效', () => {
  it('reports a bad check character, a 13th month and 17 characters; accepts a valid number', () => {
    for (const bad of [badCheck, month13, valid.slice(0, 17)]) {
      expect(subjectsOf('R13', dataset({ certificates: [certificate({ id_no: bad })] }))).toEqual([bad]);
    }
    expect(subjectsOf('R13', dataset({ certificates: [certificate({ id_no: valid })], staffing: [staffing({ id_no: valid })] }))).toEqual([]);
  });

  it('explains why in the reason', () => {
    const { hits } = screen(dataset({ staffing: [staffing({ id_no: badCheck })] }), { asOf: '2024-12-31', rules: ['R13'] });
    expect(hits[0]!.reason).toContain('校验码错误');
    const month = screen(dataset({ staffing: [staffing({ id_no: month13 })] }), { asOf: '2024-12-31', rules: ['R13'] });
    expect(month.hits[0]!.reason).toContain('出生日期');
  });

  it('looks at staffing too, and reports a number once with every row as evidence', () => {
    const ds = dataset({ certificates: [certificate({ id_no: badCheck })], staffing: [staffing({ id_no: badCheck }), staffing({ id_no: badCheck, project_no: 'XM2' })] });
    const { hits } = screen(ds, { asOf: '2024-12-31', rules: ['R13'] });
    expect(hits.map((h) => h.subject)).toEqual([badCheck]);
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(['certificates', 'staffing', 'staffing']);
  });

  it('leaves shared departments’ certificates alone', () => {
    expect(subjectsOf('R13', dataset({ certificates: [certificate({ id_no: badCheck, source: '应急管理厅' })] }))).toEqual([]);
  });
});
