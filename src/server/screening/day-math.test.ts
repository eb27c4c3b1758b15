import { describe, expect, it } from 'vitest';
import { dayNumber, minuteNumber, addMonths } from '../domain/dates.js';
import { dayOf, monthOf, secondOf } from './day-math.js';

describe('day-math', () => {
  it('agrees with domain/dates on days, across leap years and centuries', () => {
    for (const s of ['1970-01-01', '1900-03-01', '2000-02-29', '2024-02-29', '2024-03-01', '1949-12-31', '2099-12-31', '1800-01-01']) {
      expect(dayOf(s)).toBe(dayNumber(s));
    }
    // every day of 2023-2025
    for (let n = dayNumber('2023-01-01'); n <= dayNumber('2025-12-31'); n++) {
      const s = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(dayOf(s)).toBe(n);
    }
  });
  it('agrees with domain/dates on date-times, to the second', () => {
    for (const s of ['2024-03-05 09:00:00', '2024-03-05 23:59:59', '2024-03-05 00:00:00', '2024-03-05']) {
      expect(secondOf(s) / 60).toBeCloseTo(minuteNumber(s), 9);
    }
  });
  it('numbers months so that consecutive months differ by one', () => {
    expect(monthOf('2024-01') - monthOf('2023-12')).toBe(1);
    expect(monthOf(addMonths('2024-12', -6))).toBe(monthOf('2024-12') - 6);
  });
});
