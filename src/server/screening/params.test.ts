import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, resolveParams } from './params.js';

describe('resolveParams', () => {
  it('gives the contract defaults', () => {
    expect(resolveParams()).toEqual({
      minTrainingHours: { A: 48, B: 48, C1: 48, C2: 48, C3: 48, TZ: 32 },
      trainingWindowDays: 365,
      maxHoursPerDay: 8,
      hoursTolerance: 0.25,
      minutesPerStudyHour: 45,
      examWindowDays: 180,
      insuranceLookbackMonths: 6,
      insuranceMinPaidMonths: 3,
      frequentChangesMin: 3,
      frequentChangesWindowDays: 365,
      identicalAnswersMin: 5,
      fastPassesMin: 3,
      fastPassMinutes: 10,
      minAge: 18,
      maxAge: 60,
    });
  });

  it('merges a partial override, per-category hours key by key, without touching the defaults', () => {
    const p = resolveParams({ maxHoursPerDay: 10, minTrainingHours: { TZ: 24 } });
    expect(p.maxHoursPerDay).toBe(10);
    expect(p.minTrainingHours).toEqual({ A: 48, B: 48, C1: 48, C2: 48, C3: 48, TZ: 24 });
    expect(DEFAULT_PARAMS.minTrainingHours.TZ).toBe(32);
    expect(resolveParams({ examWindowDays: undefined }).examWindowDays).toBe(180);
  });

  it('refuses unknown names and values that are not non-negative numbers', () => {
    expect(() => resolveParams({ nonsense: 1 } as never)).toThrow(/nonsense/);
    expect(() => resolveParams({ minTrainingHours: { D: 1 } as never })).toThrow(/D/);
    expect(() => resolveParams({ minAge: -1 })).toThrow(/minAge/);
    expect(() => resolveParams({ minAge: '18' as never })).toThrow(/minAge/);
  });
});
