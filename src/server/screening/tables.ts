// The registry as screening sees it: typed columns, one per field a rule needs, with ID numbers,
// certificate numbers, credit codes and other identifiers interned to dense integer ids. No row objects:
// a rule refers to a row by its position in its table, and the rows behind a hit (its evidence, the
// values its reason quotes) are fetched after the rules ran (decision 015).
//
// The columns are filled through a TablesBuilder, either from in-memory records (tablesFromDataset:
// tests, the one-shot CLI on a folder) or straight from the database (registry/load-dataset.ts
// loadScreeningTables), in the same table order, so that both give the same ids. Nothing here depends
// on the evaluation date: derived columns (a stay's last day, …) belong to the ScreeningContext.

import type { Dataset } from '../domain/records.js';
import { dayOf, monthOf, secondOf } from './day-math.js';
import { StringInterner } from './interner.js';

export const TABLE_NAMES = ['enterprises', 'certificates', 'staffing', 'social_insurance', 'changes', 'training', 'exams'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
export type RowOf<T extends TableName> = Dataset[T][number];

/** An empty date (离场日期 not given, licence without expiry). */
export const NO_DAY = -2147483648;

/** Category codes: index in this list, −1 for anything else. */
export const CATEGORY_CODES = ['A', 'B', 'C1', 'C2', 'C3', 'TZ', 'JX'] as const;
export function categoryCode(c: string): number {
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
}

/** The same mapping as SQL, for loaders that let the database compute it. */
export function categoryCodeSql(column: string): string {
  return `CASE ${column} ${CATEGORY_CODES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} ELSE -1 END`;
}

export const VALID_STATUS = '有效';

export interface EnterpriseColumns {
  length: number;
  org: Int32Array;
  licensed: Uint8Array; // 1 = 安全生产许可证编号 given
  expiresDay: Int32Array; // NO_DAY when no expiry date
  valid: Uint8Array; // 1 = licence status 有效
}

export interface CertificateColumns {
  length: number;
  person: Int32Array; // −1 when the ID number is empty
  certNo: Int32Array;
  employer: Int32Array; // org id, −1 when empty
  issuedDay: Int32Array;
  expiresDay: Int32Array;
  category: Int8Array;
  own: Uint8Array; // 1 = issuing registry (source '')
  valid: Uint8Array; // 1 = status 有效
}

export interface StaffingColumns {
  length: number;
  person: Int32Array;
  certNo: Int32Array; // −1 when no number was presented
  contractor: Int32Array; // org id, −1 when empty
  project: Int32Array;
  startDay: Int32Array;
  endDay: Int32Array; // NO_DAY when 离场日期 is empty
}

export interface InsuranceColumns {
  length: number;
  person: Int32Array;
  payer: Int32Array; // org id of the employer that paid
  month: Int32Array; // year × 12 + month − 1
}

export interface ChangeColumns {
  length: number;
  person: Int32Array;
  to: Int32Array; // org id, −1 when empty
  day: Int32Array;
}

export interface TrainingColumns {
  length: number;
  person: Int32Array;
  classNo: Int32Array;
  category: Int8Array;
  startSec: Float64Array;
  endSec: Float64Array;
  hours: Float64Array;
}

export interface ExamColumns {
  length: number;
  person: Int32Array;
  sitting: Int32Array;
  category: Int8Array;
  passed: Uint8Array;
  answers: Int32Array; // interned answers_hash, −1 when empty
  startSec: Float64Array;
  submittedSec: Float64Array;
}

export interface ScreeningTables {
  /** ID numbers (resident IDs) → person ids, shared by every table. */
  persons: StringInterner;
  /** Certificate numbers; the registries' come first, so ids below `registeredCertNos` are known to a registry. */
  certNos: StringInterner;
  registeredCertNos: number;
  /** Unified social credit codes of enterprises, employers, contractors, payers and new employers. */
  orgs: StringInterner;
  projects: StringInterner;
  classes: StringInterner;
  sittings: StringInterner;
  answerHashes: StringInterner;
  enterprises: EnterpriseColumns;
  certificates: CertificateColumns;
  staffing: StaffingColumns;
  social_insurance: InsuranceColumns;
  changes: ChangeColumns;
  training: TrainingColumns;
  exams: ExamColumns;
}

export function tableSize(tables: ScreeningTables): number {
  return TABLE_NAMES.reduce((n, t) => n + tables[t].length, 0);
}

type Column = Int32Array | Int8Array | Uint8Array | Float64Array;
type Columns = { length: number };

/** Appends to a table's columns, growing them as needed; `finish` trims them to their length. */
class Appender<C extends Columns> {
  readonly cols: C;
  private capacity: number;
  constructor(make: (n: number) => C, expected: number) {
    this.capacity = Math.max(16, expected);
    this.cols = make(this.capacity);
    this.cols.length = 0;
  }
  /** The position of the next row, growing the columns when full. */
  next(): number {
    const i = this.cols.length;
    if (i === this.capacity) {
      this.capacity *= 2;
      for (const [k, v] of Object.entries(this.cols) as [string, Column | number][]) {
        if (typeof v === 'number') continue;
        const grown = new (v.constructor as new (n: number) => Column)(this.capacity);
        grown.set(v as never);
        (this.cols as Record<string, unknown>)[k] = grown;
      }
    }
    this.cols.length = i + 1;
    return i;
  }
  /** Takes over columns filled elsewhere (a loader's worker thread). */
  adopt(cols: C): void {
    Object.assign(this.cols, cols);
    this.capacity = cols.length;
  }
  finish(): C {
    const n = this.cols.length;
    if (n === this.capacity) return this.cols;
    for (const [k, v] of Object.entries(this.cols) as [string, Column | number][]) if (typeof v !== 'number') (this.cols as Record<string, unknown>)[k] = v.slice(0, n);
    return this.cols;
  }
}

const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);
const i8 = (n: number) => new Int8Array(n);
const f64 = (n: number) => new Float64Array(n);

/**
 * Fills ScreeningTables row by row with already-converted values. Tables must be filled in
 * TABLE_NAMES order (the registries' certificate numbers before any other).
 */
export class TablesBuilder {
  readonly persons: StringInterner;
  readonly certNos: StringInterner;
  readonly orgs: StringInterner;
  readonly projects: StringInterner;
  readonly classes: StringInterner;
  readonly sittings: StringInterner;
  readonly answerHashes: StringInterner;
  private registered = -1;
  readonly enterprises: Appender<EnterpriseColumns>;
  /** Certificate-number ids below this are the registries' (set when the first staffing row comes). */
  readonly certificates: Appender<CertificateColumns>;
  readonly staffing: Appender<StaffingColumns>;
  readonly insurance: Appender<InsuranceColumns>;
  readonly changes: Appender<ChangeColumns>;
  readonly training: Appender<TrainingColumns>;
  readonly exams: Appender<ExamColumns>;

  constructor(expected: Partial<Record<TableName, number>> = {}) {
    const n = (t: TableName) => expected[t] ?? 1024;
    this.persons = new StringInterner(n('certificates') + 1024);
    this.certNos = new StringInterner(n('certificates') + 1024);
    this.orgs = new StringInterner(n('enterprises') + 1024);
    this.projects = new StringInterner(Math.min(n('staffing'), 1 << 20));
    this.classes = new StringInterner(Math.min(n('training'), 1 << 20));
    this.sittings = new StringInterner(Math.min(n('exams'), 1 << 20));
    this.answerHashes = new StringInterner(Math.min(n('exams'), 1 << 20));
    this.enterprises = new Appender((k) => ({ length: 0, org: i32(k), licensed: u8(k), expiresDay: i32(k), valid: u8(k) }), n('enterprises'));
    this.certificates = new Appender(
      (k) => ({ length: 0, person: i32(k), certNo: i32(k), employer: i32(k), issuedDay: i32(k), expiresDay: i32(k), category: i8(k), own: u8(k), valid: u8(k) }),
      n('certificates'),
    );
    this.staffing = new Appender((k) => ({ length: 0, person: i32(k), certNo: i32(k), contractor: i32(k), project: i32(k), startDay: i32(k), endDay: i32(k) }), n('staffing'));
    this.insurance = new Appender((k) => ({ length: 0, person: i32(k), payer: i32(k), month: i32(k) }), n('social_insurance'));
    this.changes = new Appender((k) => ({ length: 0, person: i32(k), to: i32(k), day: i32(k) }), n('changes'));
    this.training = new Appender(
      (k) => ({ length: 0, person: i32(k), classNo: i32(k), category: i8(k), startSec: f64(k), endSec: f64(k), hours: f64(k) }),
      n('training'),
    );
    this.exams = new Appender(
      (k) => ({ length: 0, person: i32(k), sitting: i32(k), category: i8(k), passed: u8(k), answers: i32(k), startSec: f64(k), submittedSec: f64(k) }),
      n('exams'),
    );
  }

  /** Person id of an ID number; −1 for ''. */
  person(id: string): number {
    return id === '' ? -1 : this.persons.intern(id);
  }
  /** Org id of a credit code; −1 for empty. */
  org(uscc: string | null): number {
    return uscc === null || uscc === '' ? -1 : this.orgs.intern(uscc);
  }

  enterprise(uscc: string, licensed: boolean, expiresDay: number, valid: boolean): void {
    const c = this.enterprises.cols;
    const i = this.enterprises.next();
    c.org[i] = this.org(uscc);
    c.licensed[i] = licensed ? 1 : 0;
    c.expiresDay[i] = expiresDay;
    c.valid[i] = valid ? 1 : 0;
  }

  certificate(idNo: string, certNo: string, employer: string | null, issuedDay: number, expiresDay: number, category: number, own: boolean, valid: boolean): void {
    const a = this.certificates;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.certNo[i] = this.certNos.intern(certNo);
    c.employer[i] = this.org(employer);
    c.issuedDay[i] = issuedDay;
    c.expiresDay[i] = expiresDay;
    c.category[i] = category;
    c.own[i] = own ? 1 : 0;
    c.valid[i] = valid ? 1 : 0;
  }

  staff(idNo: string, certNo: string, contractor: string, project: string, startDay: number, endDay: number): void {
    if (this.registered < 0) this.registered = this.certNos.size;
    const a = this.staffing;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.certNo[i] = certNo === '' ? -1 : this.certNos.intern(certNo);
    c.contractor[i] = this.org(contractor);
    c.project[i] = this.projects.intern(project);
    c.startDay[i] = startDay;
    c.endDay[i] = endDay;
  }

  insured(idNo: string, payer: string, month: number): void {
    const a = this.insurance;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.payer[i] = this.org(payer);
    c.month[i] = month;
  }

  change(idNo: string, to: string | null, day: number): void {
    const a = this.changes;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.to[i] = this.org(to);
    c.day[i] = day;
  }

  session(idNo: string, classNo: string, category: number, startSec: number, endSec: number, hours: number): void {
    const a = this.training;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.classNo[i] = this.classes.intern(classNo);
    c.category[i] = category;
    c.startSec[i] = startSec;
    c.endSec[i] = endSec;
    c.hours[i] = hours;
  }

  exam(idNo: string, sitting: string, category: number, passed: boolean, answersHash: string | null, startSec: number, submittedSec: number): void {
    const a = this.exams;
    const i = a.next();
    const c = a.cols;
    c.person[i] = this.person(idNo);
    c.sitting[i] = this.sittings.intern(sitting);
    c.category[i] = category;
    c.passed[i] = passed ? 1 : 0;
    c.answers[i] = answersHash === null || answersHash === '' ? -1 : this.answerHashes.intern(answersHash);
    c.startSec[i] = startSec;
    c.submittedSec[i] = submittedSec;
  }

  finish(): ScreeningTables {
    return {
      persons: this.persons,
      certNos: this.certNos,
      registeredCertNos: this.registered < 0 ? this.certNos.size : this.registered,
      orgs: this.orgs,
      projects: this.projects,
      classes: this.classes,
      sittings: this.sittings,
      answerHashes: this.answerHashes,
      enterprises: this.enterprises.finish(),
      certificates: this.certificates.finish(),
      staffing: this.staffing.finish(),
      social_insurance: this.insurance.finish(),
      changes: this.changes.finish(),
      training: this.training.finish(),
      exams: this.exams.finish(),
    };
  }
}

const emptyDate = (s: string | null): boolean => s === null || s === '';

/** The columns of in-memory records (row i of a table is row i of its columns). */
export function tablesFromDataset(d: Dataset): ScreeningTables {
  const b = new TablesBuilder({
    enterprises: d.enterprises.length,
    certificates: d.certificates.length,
    staffing: d.staffing.length,
    social_insurance: d.social_insurance.length,
    changes: d.changes.length,
    training: d.training.length,
    exams: d.exams.length,
  });
  for (const e of d.enterprises)
    b.enterprise(e.uscc, !emptyDate(e.license_no), emptyDate(e.license_expires) ? NO_DAY : dayOf(e.license_expires!), e.license_status === VALID_STATUS);
  for (const c of d.certificates)
    b.certificate(c.id_no, c.cert_no, c.employer_uscc, dayOf(c.issued), dayOf(c.expires), categoryCode(c.category), c.source === '', c.status === VALID_STATUS);
  for (const s of d.staffing) b.staff(s.id_no, s.cert_no, s.contractor_uscc, s.project_no, dayOf(s.start), emptyDate(s.end) ? NO_DAY : dayOf(s.end!));
  for (const r of d.social_insurance) b.insured(r.id_no, r.employer_uscc, monthOf(r.month));
  for (const r of d.changes) b.change(r.id_no, r.to_uscc, dayOf(r.date));
  for (const t of d.training) b.session(t.id_no, t.class_no, categoryCode(t.category), secondOf(t.start), secondOf(t.end), t.hours);
  for (const e of d.exams) b.exam(e.id_no, e.sitting_no, categoryCode(e.category), e.passed, e.answers_hash, secondOf(e.start), secondOf(e.submitted));
  return b.finish();
}
