import { describe, expect, it } from 'vitest';
import { evidenceHash, goneKeys, hitKey, standingOf } from './compare-runs.js';
import { attributeHit } from './attribution.js';

describe('comparing runs', () => {
  const k = hitKey('R04', '川建安B(2021)0000428');
  it('marks new and remaining hits', () => {
    expect(standingOf(k, 'h', new Set(), new Map()).change).toBe('new');
    expect(standingOf(k, 'h', new Set([k]), new Map()).change).toBe('remaining');
  });
  it('keeps a dismissal only while the evidence is the same', () => {
    const j = new Map([[k, { decision: 'dismissed' as const, evidenceHash: 'h1' }]]);
    expect(standingOf(k, 'h1', new Set([k]), j).judgement).toBe('dismissed');
    expect(standingOf(k, 'h2', new Set([k]), j).judgement).toBeNull();
  });
  it('keeps a confirmation whatever the evidence', () => {
    const j = new Map([[k, { decision: 'confirmed' as const, evidenceHash: 'h1' }]]);
    expect(standingOf(k, 'h9', new Set(), j).judgement).toBe('confirmed');
  });
  it('lists what is gone', () => {
    expect(goneKeys(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
  it('hashes evidence deterministically', () => {
    expect(evidenceHash([{ a: 1 }])).toBe(evidenceHash([{ a: 1 }]));
    expect(evidenceHash([{ a: 1 }])).not.toBe(evidenceHash([{ a: 2 }]));
  });
});

describe('attributing hits', () => {
  const regions = new Map([['91510100UEQ5K0QR41', '510104']]);
  const lookup = (u: string) => regions.get(u) ?? null;
  it('uses the contractor of a staffing row and its registered region', () => {
    const a = attributeHit({ rule: 'R01', subject: 'X', reason: '', evidence: [{ kind: 'staffing', row: { contractor_uscc: '91510100UEQ5K0QR41', project_region: '510703' } }] }, lookup);
    expect(a).toEqual({ enterpriseUscc: '91510100UEQ5K0QR41', region: '510104', city: '510100' });
  });
  it('falls back to the project region, then to the credit code', () => {
    expect(attributeHit({ rule: 'R01', subject: 'X', reason: '', evidence: [{ kind: 'staffing', row: { contractor_uscc: '91510700AAAAAAAA11', project_region: '510703' } }] }, lookup).region).toBe('510703');
    expect(attributeHit({ rule: 'R09', subject: 'PX1', reason: '', evidence: [{ kind: 'training', row: { institution_uscc: '91511300Y4CL12TH3L' } }] }, lookup)).toEqual({ enterpriseUscc: '91511300Y4CL12TH3L', region: '511300', city: '511300' });
  });
  it('takes the subject as the enterprise for R14', () => {
    expect(attributeHit({ rule: 'R14', subject: '91510100UEQ5K0QR41', reason: '', evidence: [] }, lookup).region).toBe('510104');
  });
});
