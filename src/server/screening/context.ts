// The dataset prepared for screening: shared indexes built once, lazily, the first time a rule asks.
// Rows are referred to by their position in the dataset arrays; groups are CSR-style (one Int32Array of
// row positions ordered by group, plus offsets), which stays compact at province scale (millions of rows).

import type { CertificateRecord, Dataset, EnterpriseRecord } from '../domain/records.js';
import { dayOf, monthOf, secondOf } from './day-math.js';
import type { EvidenceKind } from './types.js';
import type { ScreeningParams } from './params.js';

/** Rows grouped by a string key: rows of group g are order[offsets[g] .. offsets[g+1]). */
export interface Grouping {
  keys: string[];
  offsets: Int32Array;
  order: Int32Array;
  groupOf: Map<string, number>;
}

/** Groups row positions by a key; rows whose key is '' or null are left out. Row order is kept within a group. */
export function groupRows<T>(rows: readonly T[], keyOf: (row: T) => string | null): Grouping {
  const n = rows.length;
  const groupOf = new Map<string, number>();
  const keys: string[] = [];
  const gid = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(rows[i]!);
    if (key === null || key === '') {
      gid[i] = -1;
      continue;
    }
    let g = groupOf.get(key);
    if (g === undefined) {
      g = keys.length;
      groupOf.set(key, g);
      keys.push(key);
    }
    gid[i] = g;
  }
  const offsets = new Int32Array(keys.length + 1);
  for (let i = 0; i < n; i++) if (gid[i]! >= 0) offsets[gid[i]! + 1]!++;
  for (let g = 0; g < keys.length; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, keys.length);
  const order = new Int32Array(offsets[keys.length]!);
  for (let i = 0; i < n; i++) {
    const g = gid[i]!;
    if (g >= 0) order[fill[g]!++] = i;
  }
  return { keys, offsets, order, groupOf };
}

/** Sorts each group's row positions in place by a numeric column (typed-array sort, no per-row objects). */
export function sortGroupsBy(grouping: Grouping, column: ArrayLike<number>): void {
  const { offsets, order } = grouping;
  const cmp = (a: number, b: number) => column[a]! - column[b]!;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    if (to - from > 1) order.subarray(from, to).sort(cmp);
  }
}

export const certificateKind = (c: CertificateRecord): EvidenceKind => (c.source === '' ? 'certificates' : 'external_certificates');

export class ScreeningContext {
  readonly asOfDay: number;
  readonly asOfMonth: number;

  constructor(
    readonly dataset: Dataset,
    /** Evaluation date, `YYYY-MM-DD`. */
    readonly asOf: string,
    readonly params: ScreeningParams,
  ) {
    this.asOfDay = dayOf(asOf);
    this.asOfMonth = monthOf(asOf);
  }

  private memo = new Map<string, unknown>();
  private once<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }

  /** Every registered certificate (own registry and shared departments') by number. */
  get certificatesByNo(): Map<string, CertificateRecord[]> {
    return this.once('certificatesByNo', () => {
      const map = new Map<string, CertificateRecord[]>();
      for (const c of this.dataset.certificates) {
        const list = map.get(c.cert_no);
        if (list) list.push(c);
        else map.set(c.cert_no, [c]);
      }
      return map;
    });
  }

  /** Certificates of the issuing registry only (`certificates`, source ''). */
  get ownCertificates(): CertificateRecord[] {
    return this.once('ownCertificates', () => this.dataset.certificates.filter((c) => c.source === ''));
  }

  get enterprisesByUscc(): Map<string, EnterpriseRecord> {
    return this.once('enterprisesByUscc', () => {
      const map = new Map<string, EnterpriseRecord>();
      for (const e of this.dataset.enterprises) map.set(e.uscc, e);
      return map;
    });
  }

  /**
   * Staffing days as numbers. `lastDay` is the last day a record covers: its 离场日期, or the evaluation
   * date when that is empty (contract §3 "an empty 离场日期 … runs to the evaluation date").
   * `open` is contract §3's: 离场日期 empty or on/after the evaluation date.
   */
  get staffingDays(): { startDay: Int32Array; lastDay: Int32Array; open: Uint8Array } {
    return this.once('staffingDays', () => {
      const rows = this.dataset.staffing;
      const startDay = new Int32Array(rows.length);
      const lastDay = new Int32Array(rows.length);
      const open = new Uint8Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        startDay[i] = dayOf(r.start);
        const end = r.end === null || r.end === '' ? this.asOfDay : dayOf(r.end);
        lastDay[i] = end;
        open[i] = end >= this.asOfDay ? 1 : 0;
      }
      return { startDay, lastDay, open };
    });
  }

  /** Staffing rows by the certificate number presented, each group ordered by 进场日期. */
  get staffingByCertNo(): Grouping {
    return this.once('staffingByCertNo', () => {
      const g = groupRows(this.dataset.staffing, (r) => r.cert_no);
      sortGroupsBy(g, this.staffingDays.startDay);
      return g;
    });
  }

  /** Training sessions as numbers: start/end in seconds, start day. */
  get trainingTimes(): { startSec: Float64Array; endSec: Float64Array; startDay: Int32Array } {
    return this.once('trainingTimes', () => {
      const rows = this.dataset.training;
      const startSec = new Float64Array(rows.length);
      const endSec = new Float64Array(rows.length);
      const startDay = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const s = secondOf(r.start);
        startSec[i] = s;
        endSec[i] = secondOf(r.end);
        startDay[i] = Math.floor(s / 86_400);
      }
      return { startSec, endSec, startDay };
    });
  }

  /** Training rows by person, each group ordered by start time. */
  get trainingByPerson(): Grouping {
    return this.once('trainingByPerson', () => {
      const g = groupRows(this.dataset.training, (r) => r.id_no);
      sortGroupsBy(g, this.trainingTimes.startSec);
      return g;
    });
  }

  /** Exam rows as numbers: start/submitted in seconds, submitted day. */
  get examTimes(): { startSec: Float64Array; submittedSec: Float64Array; submittedDay: Int32Array } {
    return this.once('examTimes', () => {
      const rows = this.dataset.exams;
      const startSec = new Float64Array(rows.length);
      const submittedSec = new Float64Array(rows.length);
      const submittedDay = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        startSec[i] = secondOf(r.start);
        const s = secondOf(r.submitted);
        submittedSec[i] = s;
        submittedDay[i] = Math.floor(s / 86_400);
      }
      return { startSec, submittedSec, submittedDay };
    });
  }
}
