import { describe, expect, it } from 'vitest';
import { formatBytes, formatMonth, monthRanges } from './format.js';

describe('monthRanges', () => {
  it('folds consecutive months into ranges, across a year end', () => {
    expect(monthRanges(['2024-01', '2024-02', '2024-03', '2024-06', '2024-12', '2025-01'])).toEqual([
      '2024年1月—2024年3月',
      '2024年6月',
      '2024年12月—2025年1月',
    ]);
  });
  it('ignores order, duplicates and values that are no month', () => {
    expect(monthRanges(['202403', '2024-02', '2024-03', 'x'])).toEqual(['2024年2月—2024年3月']);
    expect(monthRanges([])).toEqual([]);
  });
});

describe('formatMonth and formatBytes', () => {
  it('writes months the Chinese way', () => {
    expect(formatMonth('2024-03')).toBe('2024年3月');
  });
  it('picks a unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
