// The dataset prepared for screening: shared indexes built once, lazily, the first time a rule asks.
//
// At province scale the cost is not arithmetic but touching millions of row objects scattered over the
// heap. So each table is walked once: every field a rule needs is copied into typed columns (dates as
// day numbers, times as seconds, people / certificate numbers / credit codes interned to dense integer
// ids, categories and statuses as small codes). Rules then work on those columns and touch row objects
// only to build the evidence of a hit. Groups are CSR-style: row positions ordered by group in one
// Int32Array, plus offsets.

import type { CertificateRecord, Dataset } from '../domain/records.js';
import { dayOf, monthOf, secondOf } from './day-math.js';
import { StringInterner } from './interner.js';
import type { EvidenceKind } from './types.js';
import type { ScreeningParams } from './params.js';

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

export const certificateKind = (c: CertificateRecord): EvidenceKind => (c.source === '' ? 'certificates' : 'external_certificates');

/** Category codes: index in this list, −1 for anything else. */
export const CATEGORY_CODES = ['A', 'B', 'C1', 'C2', 'C3', 'TZ', 'JX'] as const;
export const TZ = 5;
const categoryCode = (c: string): number => {
  switch (c) {
    case 'A':
      return 0;
    case 'B':
      return 1;
    case 'C1':
      return 2;
    case 'C2':
      return 3;
    case 'C3':
      return 4;
    case 'TZ':
      return 5;
    case 'JX':
      return 6;
    default:
      return -1;
  }
};
/** 三类人员 (A, B, C1-C3). */
export const isSanLeiCode = (code: number): boolean => code >= 0 && code <= 4;

const VALID = '有效';

export interface CertificateColumns {
  person: Int32Array;
  certNo: Int32Array;
  employer: Int32Array; // org id, −1 when empty
  issuedDay: Int32Array;
  expiresDay: Int32Array;
  category: Int8Array;
  own: Uint8Array; // 1 = issuing registry (source '')
  valid: Uint8Array; // 1 = status 有效
}

export interface StaffingColumns {
  person: Int32Array;
  certNo: Int32Array; // −1 when no number was presented
  contractor: Int32Array; // org id
  project: Int32Array;
  startDay: Int32Array;
  /** Last day covered: 离场日期, or the evaluation date when empty (contract §3). */
  lastDay: Int32Array;
  /** 离场日期 empty or on/after the evaluation date (contract §3). */
  open: Uint8Array;
}

export interface TrainingColumns {
  person: Int32Array;
  classNo: Int32Array;
  category: Int8Array;
  startSec: Float64Array;
  endSec: Float64Array;
  startDay: Int32Array;
  hours: Float64Array;
}

export interface ExamColumns {
  person: Int32Array;
  sitting: Int32Array;
  category: Int8Array;
  passed: Uint8Array;
  answers: Int32Array; // interned answers_hash, −1 when empty
  startSec: Float64Array;
  submittedSec: Float64Array;
  submittedDay: Int32Array;
}

export class ScreeningContext {
  readonly asOfDay: number;
  readonly asOfMonth: number;
  /** ID numbers (resident IDs) → person ids, shared by every table. */
  readonly persons: StringInterner;
  /** Certificate numbers; the registries' are interned first, so ids below `registeredCertNos` are known to a registry. */
  readonly certNos: StringInterner;
  /** Unified social credit codes of enterprises, employers, contractors and payers. */
  readonly orgs: StringInterner;

  constructor(
    readonly dataset: Dataset,
    /** Evaluation date, `YYYY-MM-DD`. */
    readonly asOf: string,
    readonly params: ScreeningParams,
  ) {
    this.asOfDay = dayOf(asOf);
    this.asOfMonth = monthOf(asOf);
    this.persons = new StringInterner(dataset.certificates.length + 1024);
    this.certNos = new StringInterner(dataset.certificates.length + 1024);
    this.orgs = new StringInterner(dataset.enterprises.length + 1024);
  }

  private memo = new Map<string, unknown>();
  private once<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }

  /** The person id of an ID number, adding it when new; −1 for ''. */
  personOf(id: string): number {
    return id === '' ? -1 : this.persons.intern(id);
  }

  /** The org id of a credit code, adding it when new; −1 for empty. */
  orgOf(uscc: string | null): number {
    return uscc === null || uscc === '' ? -1 : this.orgs.intern(uscc);
  }

  get certificates(): CertificateColumns {
    return this.once('certificates', () => {
      const rows = this.dataset.certificates;
      const n = rows.length;
      const c: CertificateColumns = {
        person: new Int32Array(n),
        certNo: new Int32Array(n),
        employer: new Int32Array(n),
        issuedDay: new Int32Array(n),
        expiresDay: new Int32Array(n),
        category: new Int8Array(n),
        own: new Uint8Array(n),
        valid: new Uint8Array(n),
      };
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        c.person[i] = this.personOf(r.id_no);
        c.certNo[i] = this.certNos.intern(r.cert_no);
        c.employer[i] = this.orgOf(r.employer_uscc);
        c.issuedDay[i] = dayOf(r.issued);
        c.expiresDay[i] = dayOf(r.expires);
        c.category[i] = categoryCode(r.category);
        c.own[i] = r.source === '' ? 1 : 0;
        c.valid[i] = r.status === VALID ? 1 : 0;
      }
      this.registered = this.certNos.size;
      return c;
    });
  }

  private registered = 0;
  /** Certificate-number ids below this are registered in `certificates` or `external_certificates`. */
  get registeredCertNos(): number {
    void this.certificates;
    return this.registered;
  }

  /** Certificate rows (both registries) by certificate-number id. */
  get certificatesByNo(): Grouping {
    return this.once('certificatesByNo', () => groupByKey(this.certificates.certNo, this.registeredCertNos));
  }

  get staffing(): StaffingColumns {
    return this.once('staffing', () => {
      void this.certificates; // registry numbers first
      const rows = this.dataset.staffing;
      const n = rows.length;
      const projects = new StringInterner(Math.min(n, 1 << 20));
      const s: StaffingColumns = {
        person: new Int32Array(n),
        certNo: new Int32Array(n),
        contractor: new Int32Array(n),
        project: new Int32Array(n),
        startDay: new Int32Array(n),
        lastDay: new Int32Array(n),
        open: new Uint8Array(n),
      };
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        s.person[i] = this.personOf(r.id_no);
        s.certNo[i] = r.cert_no === '' ? -1 : this.certNos.intern(r.cert_no);
        s.contractor[i] = this.orgOf(r.contractor_uscc);
        s.project[i] = projects.intern(r.project_no);
        s.startDay[i] = dayOf(r.start);
        const last = r.end === null || r.end === '' ? this.asOfDay : dayOf(r.end);
        s.lastDay[i] = last;
        s.open[i] = last >= this.asOfDay ? 1 : 0;
      }
      return s;
    });
  }

  /** Staffing rows by the certificate-number id presented, each group ordered by 进场日期. */
  get staffingByCertNo(): Grouping {
    return this.once('staffingByCertNo', () => {
      const s = this.staffing;
      const g = groupByKey(s.certNo, this.certNos.size);
      sortGroupsBy(g, s.startDay);
      return g;
    });
  }

  get training(): TrainingColumns {
    return this.once('training', () => {
      const rows = this.dataset.training;
      const n = rows.length;
      const classes = new StringInterner(Math.min(n, 1 << 20));
      const t: TrainingColumns = {
        person: new Int32Array(n),
        classNo: new Int32Array(n),
        category: new Int8Array(n),
        startSec: new Float64Array(n),
        endSec: new Float64Array(n),
        startDay: new Int32Array(n),
        hours: new Float64Array(n),
      };
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        t.person[i] = this.personOf(r.id_no);
        t.classNo[i] = classes.intern(r.class_no);
        t.category[i] = categoryCode(r.category);
        const start = secondOf(r.start);
        t.startSec[i] = start;
        t.endSec[i] = secondOf(r.end);
        t.startDay[i] = Math.floor(start / 86_400);
        t.hours[i] = r.hours;
      }
      return t;
    });
  }

  /** Training rows by person id, each group ordered by start time. */
  get trainingByPerson(): Grouping {
    return this.once('trainingByPerson', () => {
      const t = this.training;
      const g = groupByKey(t.person, this.persons.size);
      sortGroupsBy(g, t.startSec);
      return g;
    });
  }

  get exams(): ExamColumns {
    return this.once('exams', () => {
      const rows = this.dataset.exams;
      const n = rows.length;
      const sittings = new StringInterner(Math.min(n, 1 << 20));
      const answers = new StringInterner(Math.min(n, 1 << 20));
      const e: ExamColumns = {
        person: new Int32Array(n),
        sitting: new Int32Array(n),
        category: new Int8Array(n),
        passed: new Uint8Array(n),
        answers: new Int32Array(n),
        startSec: new Float64Array(n),
        submittedSec: new Float64Array(n),
        submittedDay: new Int32Array(n),
      };
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        e.person[i] = this.personOf(r.id_no);
        e.sitting[i] = sittings.intern(r.sitting_no);
        e.category[i] = categoryCode(r.category);
        e.passed[i] = r.passed ? 1 : 0;
        e.answers[i] = r.answers_hash === null || r.answers_hash === '' ? -1 : answers.intern(r.answers_hash);
        e.startSec[i] = secondOf(r.start);
        const s = secondOf(r.submitted);
        e.submittedSec[i] = s;
        e.submittedDay[i] = Math.floor(s / 86_400);
      }
      this.sittingNos = sittings.keys;
      this.answerHashes = answers.size;
      return e;
    });
  }
  private sittingNos: string[] = [];
  private answerHashes = 0;
  /** Sitting numbers by sitting id, and how many distinct answer fingerprints there are. */
  get examKeys(): { sittings: string[]; answerHashes: number } {
    void this.exams;
    return { sittings: this.sittingNos, answerHashes: this.answerHashes };
  }

  /** Exam rows by person id. */
  get examsByPerson(): Grouping {
    return this.once('examsByPerson', () => groupByKey(this.exams.person, this.persons.size));
  }
}
