// The registry prepared for screening: its typed columns (tables.ts) plus shared indexes and the columns
// that depend on the evaluation date, built once, lazily, the first time a rule asks.
//
// At province scale the cost is not arithmetic but touching millions of rows. Every field a rule needs
// is a typed column (dates as day numbers, times as seconds, people / certificate numbers / credit codes
// interned to dense integer ids, categories and statuses as small codes); rules never see row objects
// and name the rows behind a hit by position (decision 015). Groups are CSR-style: row positions
// ordered by group in one Int32Array, plus offsets.

import { monthOf, dayOf } from './day-math.js';
import type { StringInterner } from './interner.js';
import type { ScreeningParams } from './params.js';
import {
  NO_DAY,
  type CertificateColumns,
  type ChangeColumns,
  type EnterpriseColumns,
  type ExamColumns,
  type InsuranceColumns,
  type ScreeningTables,
  type StaffingColumns as StoredStaffing,
  type TrainingColumns as StoredTraining,
} from './tables.js';
import type { EvidenceKind } from './types.js';

export { CATEGORY_CODES } from './tables.js';

/** Rows grouped by a dense integer key: rows of group g are order[offsets[g] .. offsets[g+1]). */
export interface Grouping {
  offsets: Int32Array;
  order: Int32Array;
}

/** Counting sort of row positions by key (−1 = left out); row order is kept within a group. */
export function groupByKey(keys: Int32Array, groups: number): Grouping {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) offsets[keys[i]! + 1]!++;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, groups);
  const order = new Int32Array(offsets[groups]!);
  for (let i = 0; i < keys.length; i++) {
    const g = keys[i]!;
    if (g >= 0) order[fill[g]!++] = i;
  }
  return { offsets, order };
}

/** First and end position in `order` of group g; an id the grouping never saw has no rows. */
export function groupBounds(grouping: Grouping, g: number): [from: number, to: number] {
  if (g < 0 || g + 1 >= grouping.offsets.length) return [0, 0];
  return [grouping.offsets[g]!, grouping.offsets[g + 1]!];
}

/** Sorts each group's row positions in place by a numeric column, ties kept in row order. */
export function sortGroupsBy(grouping: Grouping, column: ArrayLike<number>): void {
  const { offsets, order } = grouping;
  const cmp = (a: number, b: number) => column[a]! - column[b]! || a - b;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    if (to - from <= 1) continue;
    if (to - from <= 16) {
      // Insertion sort: groups are small (a person's sessions, a certificate's posts).
      for (let k = from + 1; k < to; k++) {
        const row = order[k]!;
        const v = column[row]!;
        let j = k - 1;
        while (j >= from && column[order[j]!]! > v) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = row;
      }
    } else order.subarray(from, to).sort(cmp);
  }
}

/** Evidence kind of certificate row j: the issuing registry's or a sharing department's. */
export const certificateKind = (c: CertificateColumns, j: number): EvidenceKind => (c.own[j] === 1 ? 'certificates' : 'external_certificates');

export const TZ = 5;
/** 三类人员 (A, B, C1-C3). */
export const isSanLeiCode = (code: number): boolean => code >= 0 && code <= 4;

export interface StaffingColumns extends StoredStaffing {
  /** Last day covered: 离场日期, or the evaluation date when empty (contract §3). */
  lastDay: Int32Array;
  /** 离场日期 empty or on/after the evaluation date (contract §3). */
  open: Uint8Array;
}

export interface TrainingColumns extends StoredTraining {
  startDay: Int32Array;
}

export interface ExamDayColumns extends ExamColumns {
  submittedDay: Int32Array;
}

export class ScreeningContext {
  readonly asOfDay: number;
  readonly asOfMonth: number;
  readonly persons: StringInterner;
  readonly certNos: StringInterner;
  readonly orgs: StringInterner;

  constructor(
    readonly tables: ScreeningTables,
    /** Evaluation date, `YYYY-MM-DD`. */
    readonly asOf: string,
    readonly params: ScreeningParams,
  ) {
    this.asOfDay = dayOf(asOf);
    this.asOfMonth = monthOf(asOf);
    this.persons = tables.persons;
    this.certNos = tables.certNos;
    this.orgs = tables.orgs;
  }

  private memo = new Map<string, unknown>();
  private once<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }

  /** The ID number of a person id; '' for −1. */
  idNo(p: number): string {
    return p < 0 ? '' : this.persons.keys[p]!;
  }

  /** The credit code of an org id; '' for −1. */
  uscc(o: number): string {
    return o < 0 ? '' : this.orgs.keys[o]!;
  }

  get enterprises(): EnterpriseColumns {
    return this.tables.enterprises;
  }

  get certificates(): CertificateColumns {
    return this.tables.certificates;
  }

  /** Certificate-number ids below this are registered in `certificates` or `external_certificates`. */
  get registeredCertNos(): number {
    return this.tables.registeredCertNos;
  }

  /** Certificate rows (both registries) by certificate-number id. */
  get certificatesByNo(): Grouping {
    return this.once('certificatesByNo', () => groupByKey(this.certificates.certNo, this.registeredCertNos));
  }

  get staffing(): StaffingColumns {
    return this.once('staffing', () => {
      const s = this.tables.staffing;
      const n = s.length;
      const lastDay = new Int32Array(n);
      const open = new Uint8Array(n);
      const asOf = this.asOfDay;
      for (let i = 0; i < n; i++) {
        const end = s.endDay[i]!;
        const last = end === NO_DAY ? asOf : end;
        lastDay[i] = last;
        open[i] = last >= asOf ? 1 : 0;
      }
      return { ...s, lastDay, open };
    });
  }

  /** Staffing rows by the certificate-number id presented, each group ordered by 进场日期. */
  get staffingByCertNo(): Grouping {
    return this.once('staffingByCertNo', () => {
      const s = this.tables.staffing;
      const g = groupByKey(s.certNo, this.certNos.size);
      sortGroupsBy(g, s.startDay);
      return g;
    });
  }

  get insurance(): InsuranceColumns {
    return this.tables.social_insurance;
  }

  get changes(): ChangeColumns {
    return this.tables.changes;
  }

  get training(): TrainingColumns {
    return this.once('training', () => {
      const t = this.tables.training;
      const startDay = new Int32Array(t.length);
      for (let i = 0; i < t.length; i++) startDay[i] = Math.floor(t.startSec[i]! / 86_400);
      return { ...t, startDay };
    });
  }

  /** Class numbers by class id. */
  get classNos(): string[] {
    return this.tables.classes.keys;
  }

  /** Training rows by person id, each group ordered by start time. */
  get trainingByPerson(): Grouping {
    return this.once('trainingByPerson', () => {
      const t = this.tables.training;
      const g = groupByKey(t.person, this.persons.size);
      sortGroupsBy(g, t.startSec);
      return g;
    });
  }

  get exams(): ExamDayColumns {
    return this.once('exams', () => {
      const e = this.tables.exams;
      const submittedDay = new Int32Array(e.length);
      for (let i = 0; i < e.length; i++) submittedDay[i] = Math.floor(e.submittedSec[i]! / 86_400);
      return { ...e, submittedDay };
    });
  }

  /** Sitting numbers by sitting id, and the distinct answer fingerprints by id. */
  get examKeys(): { sittings: string[]; answerHashes: string[] } {
    return { sittings: this.tables.sittings.keys, answerHashes: this.tables.answerHashes.keys };
  }

  /** Exam rows by person id. */
  get examsByPerson(): Grouping {
    return this.once('examsByPerson', () => groupByKey(this.tables.exams.person, this.persons.size));
  }
}
