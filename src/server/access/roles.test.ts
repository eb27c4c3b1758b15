import { describe, expect, it } from 'vitest';
import { governs, levelOf, regionPrefix, regionWithin, type Principal } from './roles.js';

const official = (region: string): Principal => ({ id: 'u', username: 'u', displayName: 'u', role: 'official', region, orgUscc: null });

describe('jurisdictions', () => {
  it('knows the three levels', () => {
    expect(levelOf('510000')).toBe('province');
    expect(levelOf('510100')).toBe('city');
    expect(levelOf('510104')).toBe('county');
    expect(regionPrefix('510000')).toBe('51');
    expect(regionPrefix('510100')).toBe('5101');
    expect(regionPrefix('510104')).toBe('510104');
  });

  it('is a subtree: province ⊃ city ⊃ county, and nothing across', () => {
    expect(regionWithin('510104', '510000')).toBe(true);
    expect(regionWithin('510104', '510100')).toBe(true);
    expect(regionWithin('510100', '510100')).toBe(true);
    expect(regionWithin('510104', '510104')).toBe(true);
    expect(regionWithin('510105', '510104')).toBe(false);
    expect(regionWithin('510302', '510100')).toBe(false);
    expect(regionWithin('510100', '510104')).toBe(false);
    expect(regionWithin('500101', '510000')).toBe(false);
    expect(regionWithin(null, '510000')).toBe(false);
  });

  it('lets an official govern only their own jurisdiction and below', () => {
    expect(governs(official('510100'), '510104')).toBe(true);
    expect(governs(official('510104'), '510100')).toBe(false);
    expect(governs({ ...official('510104'), role: 'enterprise' }, '510104')).toBe(false);
  });
});
