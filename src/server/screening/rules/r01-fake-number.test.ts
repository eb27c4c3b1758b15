import { describe, expect, it } from 'vitest';
import { screen } from '../engine.js';
import { certificate, dataset, PERSON, staffing, subjectsOf } from '../test-factories.js';

describe('R01 证书编号不存在', () => {
  it('reports a number no registry knows, once, with every staffing row as evidence', () => {
    const ds = dataset({
      certificates: [certificate()],
      staffing: [
        staffing({ cert_no: '川建安B(2023)9999999' }),
        staffing({ cert_no: '川建安B(2023)9999999', project_no: 'XM002' }),
        staffing(),
      ],
    });
    const { hits } = screen(ds, { asOf: '2024-12-31', rules: ['R01'] });
    expect(hits.map((h) => h.subject)).toEqual(['川建安B(2023)9999999']);
    expect(hits[0]!.evidence).toHaveLength(2);
    expect(hits[0]!.reason).toContain('均不存在');
  });

  it('accepts a number only a sharing department registered', () => {
    const ds = dataset({
      certificates: [certificate({ cert_no: 'T' + PERSON, source: '应急管理厅', category: 'TZ' })],
      staffing: [staffing({ cert_no: 'T' + PERSON })],
    });
    expect(subjectsOf('R01', ds)).toEqual([]);
    expect(subjectsOf('R01', dataset({ staffing: [staffing({ cert_no: 'T' + PERSON })] }))).toEqual(['T' + PERSON]);
  });

  it('does not check rows that present no number', () => {
    expect(subjectsOf('R01', dataset({ staffing: [staffing({ cert_no: '' })] }))).toEqual([]);
  });
});

