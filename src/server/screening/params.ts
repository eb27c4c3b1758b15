// Screening thresholds (data-exchange contract §3). Every number a rule compares against lives here,
// with the contract's default; callers override any subset.

import type { CertCategory } from '../domain/certificates.js';

export interface ScreeningParams {
  /** R07: minimum 学时 per certificate category (安委〔2012〕10号 for 三类人员; TZ from the province's syllabus, default 32). */
  minTrainingHours: Record<CertCategory, number>;
  /** R07: sessions starting within this many days before the issue date count. */
  trainingWindowDays: number;
  /** R08: most 学时 a person can be credited with in sessions starting on one calendar day. */
  maxHoursPerDay: number;
  /** R09: 学时 a session may claim beyond minutes / minutesPerStudyHour. */
  hoursTolerance: number;
  /** R09: minutes in one 学时. */
  minutesPerStudyHour: number;
  /** R10: a passing exam must be submitted within this many days before the issue date. */
  examWindowDays: number;
  /** R05: calendar months before the evaluation month that are looked at. */
  insuranceLookbackMonths: number;
  /** R05: fires only when insurance was paid (anywhere) in at least this many of them. */
  insuranceMinPaidMonths: number;
  /** R06: this many employer changes… */
  frequentChangesMin: number;
  /** R06: …whose first and last dates are less than this many days apart. */
  frequentChangesWindowDays: number;
  /** R11: this many passing candidates of one sitting sharing one answer fingerprint. */
  identicalAnswersMin: number;
  /** R11: this many passing candidates who submitted less than fastPassMinutes after the start. */
  fastPassesMin: number;
  fastPassMinutes: number;
  /** R12: a TZ holder must be at least this old on the issue date. */
  minAge: number;
  /** R12: a TZ holder must be younger than this on the start day of a post. */
  maxAge: number;
}

export const DEFAULT_PARAMS: Readonly<ScreeningParams> = Object.freeze({
  minTrainingHours: Object.freeze({ A: 48, B: 48, C1: 48, C2: 48, C3: 48, TZ: 32 }),
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
}) as ScreeningParams;

export type ScreeningParamsInput = Partial<Omit<ScreeningParams, 'minTrainingHours'>> & {
  minTrainingHours?: Partial<Record<CertCategory, number>>;
};

/** The defaults overridden by whatever the caller gives; per-category hours merge key by key. */
export function resolveParams(partial: ScreeningParamsInput = {}): ScreeningParams {
  const out: ScreeningParams = {
    ...DEFAULT_PARAMS,
    minTrainingHours: { ...DEFAULT_PARAMS.minTrainingHours },
  };
  for (const [key, value] of Object.entries(partial) as Array<[keyof ScreeningParams, unknown]>) {
    if (value === undefined) continue;
    if (key === 'minTrainingHours') {
      for (const [cat, hours] of Object.entries(value as Record<string, number | undefined>)) {
        if (hours === undefined) continue;
        if (!(cat in out.minTrainingHours)) throw new RangeError(`未知证书类别: ${cat}`);
        checkNumber(`minTrainingHours.${cat}`, hours);
        out.minTrainingHours[cat as CertCategory] = hours;
      }
    } else {
      if (!(key in DEFAULT_PARAMS)) throw new RangeError(`未知筛查参数: ${String(key)}`);
      checkNumber(key, value);
      (out as unknown as Record<string, number>)[key] = value as number;
    }
  }
  return out;
}

function checkNumber(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`筛查参数 ${name} 必须是非负数，收到 ${String(v)}`);
  }
}
