import { describe, expect, it } from 'vitest';
import { allRegions, childrenOf, cities, cityOf, counties, isSichuanCode, regionByCode, regionPath, shortName } from './regions.js';

describe('Sichuan regions', () => {
  it('has the 21 cities and prefectures of the domain brief, and no 510200 or 511200', () => {
    const codes = cities().map((c) => c.code);
    expect(codes).toEqual([
      '510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100',
      '511300', '511400', '511500', '511600', '511700', '511800', '511900', '512000', '513200', '513300', '513400',
    ]);
    expect(regionByCode('510200')).toBeNull();
    expect(regionByCode('511200')).toBeNull();
    expect(cities().map((c) => shortName(c.code))).toContain('凉山州');
    expect(shortName('510100')).toBe('成都');
  });

  it('gives every region a parent that exists, one level up', () => {
    const rank = { province: 0, city: 1, county: 2 } as const;
    for (const r of allRegions()) {
      expect(r.code).toMatch(/^51\d{4}$/);
      if (r.level === 'province') {
        expect(r.parent).toBeNull();
        continue;
      }
      const parent = regionByCode(r.parent ?? '');
      expect(parent, r.code).not.toBeNull();
      expect(rank[parent!.level]).toBe(rank[r.level] - 1);
      if (r.level === 'county') expect(cityOf(r.code)?.code).toBe(r.parent);
    }
    const codes = allRegions().map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has the current county-level units', () => {
    expect(counties().length).toBe(183);
    expect(childrenOf('510100').length).toBe(20);
    expect(regionByCode('510104')?.name).toBe('锦江区');
    expect(regionByCode('510185')?.name).toBe('简阳市');
    expect(regionByCode('513401')?.name).toBe('西昌市');
    expect(counties('513300').length).toBe(18);
  });

  it('walks paths and answers membership', () => {
    expect(regionPath('510104').map((r) => r.name)).toEqual(['四川省', '成都市', '锦江区']);
    expect(regionPath('110105')).toEqual([]);
    expect(cityOf('513401')?.code).toBe('513400');
    expect(cityOf('510000')).toBeNull();
    expect(cityOf('110105')).toBeNull();
    expect(isSichuanCode('510104')).toBe(true);
    expect(isSichuanCode('510102')).toBe(false);
    expect(isSichuanCode('510102', true)).toBe(true);
    expect(isSichuanCode('110105', true)).toBe(false);
  });
});
