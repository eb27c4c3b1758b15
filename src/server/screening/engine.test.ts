import { describe, expect, it } from 'vitest';
import { todayCst } from '../domain/dates.js';
import { RULES, screen } from './engine.js';
import { certificate, dataset, idNo, OTHER_PERSON, staffing } from './test-factories.js';
import { RULE_IDS } from './types.js';

// One dataset that trips R01, R02, R03, R13 and R14 at once.
const messy = () =>
  dataset({
    certificates: [certificate({ expires: '2024-03-01' }), certificate({ cert_no: 'A2', id_no: '510104198001010010' })],
    staffing: [
      staffing({ cert_no: 'ZZ9', end: null }),
      staffing({ cert_no: 'A1', end: null }),
      staffing({ id_no: OTHER_PERSON }),
      staffing({ cert_no: '川建安B(2023)0000001', end: null }),
    ],
  });

describe('screen', () => {
  it('returns hits sorted by rule, then subject, with per-rule stats', () => {
    const result = screen(messy(), { asOf: '2024-12-31' });
    const pairs = result.hits.map((h) => `${h.rule} ${h.subject}`);
    expect(pairs).toEqual([...pairs].sort());
    expect(new Set(result.hits.map((h) => h.rule))).toEqual(new Set(['R01', 'R02', 'R03', 'R13', 'R14']));
    expect(result.stats.rules.map((s) => s.rule)).toEqual([...RULE_IDS]);
    expect(result.stats.totalHits).toBe(result.hits.length);
    for (const s of result.stats.rules) expect(s.hits).toBe(result.hits.filter((h) => h.rule === s.rule).length);
  });

  it('runs only the rules asked for', () => {
    const result = screen(messy(), { asOf: '2024-12-31', rules: ['r01', 'R13'] });
    expect(new Set(result.hits.map((h) => h.rule))).toEqual(new Set(['R01', 'R13']));
    expect(result.stats.rules.map((s) => s.rule)).toEqual(['R01', 'R13']);
  });

  it('refuses unknown rules and malformed dates', () => {
    expect(() => screen(messy(), { asOf: '2024-12-31', rules: ['R15'] })).toThrow(/R15/);
    expect(() => screen(messy(), { asOf: '2024-13-01' })).toThrow(/2024-13-01/);
  });

  it('evaluates as of today in China Standard Time by default', () => {
    expect(screen(dataset(), {}).asOf).toBe(todayCst());
  });

  it('hands the resolved parameters back', () => {
    expect(screen(dataset(), { asOf: '2024-12-31', params: { maxAge: 65 } }).params.maxAge).toBe(65);
  });

  it('gives every hit a reason and at most 20 evidence rows', () => {
    const many = dataset({ staffing: Array.from({ length: 30 }, (_, k) => staffing({ cert_no: 'ZZ9', project_no: 'P' + k })) });
    const [hit] = screen(many, { asOf: '2024-12-31', rules: ['R01'] }).hits;
    expect(hit!.evidence).toHaveLength(20);
    for (const h of screen(messy(), { asOf: '2024-12-31' }).hits) expect(h.reason.length).toBeGreaterThan(5);
  });

  it('describes the 14 rules of the contract', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(RULES.find((r) => r.id === 'R05')).toMatchObject({ name: '人社分离', subjectType: 'cert_no' });
    expect(RULES.filter((r) => r.subjectType === 'id_no').map((r) => r.id)).toEqual(['R06', 'R08', 'R13']);
  });

  it('uses valid IDs in its factories', () => {
    expect(idNo('19491231', '002', '110105')).toBe('11010519491231002X');
  });
});
