import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayNumber, excelSerialToDateTime, parseDate, parseDateTime, parseYearMonth, todayCst } from './dates.js';

describe('dates (contract §1)', () => {
  it('reads every date form', () => {
    for (const s of ['2024-03-05', '2024/3/5', '2024.3.5', '20240305', '2024年3月5日', ' ２０２４-０３-０５ ', '45356'])
      expect(parseDate(s), s).toBe('2024-03-05');
    expect(parseDate(45356)).toBe('2024-03-05');
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
  });
  it('refuses what is no date', () => {
    for (const s of ['2024-02-30', '2023-13-01', '20241301', 'abc', '2024-3', '3/5/2024']) expect(parseDate(s), s).toBeNull();
  });
  it('reads date-times', () => {
    expect(parseDateTime('2024/3/5 9:05')).toBe('2024-03-05 09:05:00');
    expect(parseDateTime('2024-03-05 09:05:30')).toBe('2024-03-05 09:05:30');
    expect(parseDateTime('2024年3月5日 14:00')).toBe('2024-03-05 14:00:00');
    expect(parseDateTime('45356.375')).toBe('2024-03-05 09:00:00');
    expect(parseDateTime(new Date(Date.UTC(2024, 2, 5, 9, 30)))).toBe('2024-03-05 09:30:00');
    expect(parseDateTime('2024-03-05')).toBe('2024-03-05 00:00:00');
    expect(parseDateTime('2024-03-05 25:00')).toBeNull();
  });
  it('reads year-months', () => {
    for (const s of ['2024-03', '2024/3', '202403', '2024年3月', '2024-03-01']) expect(parseYearMonth(s), s).toBe('2024-03');
    expect(parseYearMonth('2024-13')).toBeNull();
  });
  it('does calendar arithmetic without time zones', () => {
    expect(excelSerialToDateTime(60)).toBe('1900-02-28 00:00:00');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(addMonths('2024-01', -2)).toBe('2023-11');
    expect(todayCst(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });
});
