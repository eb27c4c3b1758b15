// The shapes screening hands out: hits with their evidence, and the metadata of each rule.

import type { RowOf, TableName } from './tables.js';

export const RULE_IDS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type SubjectType = 'cert_no' | 'id_no' | 'class_no' | 'sitting_no' | 'uscc';

/** The data-exchange kind a piece of evidence comes from (contract §2 file names). */
export type EvidenceKind =
  | 'enterprises'
  | 'certificates'
  | 'external_certificates'
  | 'staffing'
  | 'social_insurance'
  | 'changes'
  | 'training'
  | 'exams';

export interface Evidence {
  kind: EvidenceKind | string;
  row: Record<string, unknown>;
}

export interface Hit {
  rule: RuleId;
  subject: string;
  /** One line a person can read, in Chinese. */
  reason: string;
  /** The rows the hit rests on, at most MAX_EVIDENCE of them. */
  evidence: Evidence[];
}

export const MAX_EVIDENCE = 20;

/** A row a hit rests on: its kind and its position in its table (decision 015). */
export type EvidenceRef = readonly [kind: EvidenceKind, row: number];

/** The table that holds rows of an evidence kind: both registries share `certificates`. */
export const tableOfKind = (kind: EvidenceKind): TableName => (kind === 'external_certificates' ? 'certificates' : kind);

/** The rows behind hits, fetched after the rules ran. */
export interface RowLookup {
  get<T extends TableName>(table: T, row: number): RowOf<T>;
}

/**
 * A reason, written once the rows are at hand. It may read only the rows given with it (the evidence
 * refs of the same `add` call), which are fetched whatever the evidence cap keeps.
 */
export type Reason = (rows: RowLookup) => string;

/** A hit as a rule finds it: evidence by reference, the reason not yet written. */
export interface PendingHit {
  rule: RuleId;
  subject: string;
  reason: Reason;
  /** The rows the reason reads. */
  reasonRows: readonly EvidenceRef[];
  evidence: EvidenceRef[];
}

/**
 * Gathers one rule's hits: one per subject however many rows support it. The first reason given
 * for a subject is kept; evidence rows are merged (each row once) up to the cap.
 */
export class HitCollector {
  private readonly bySubject = new Map<string, PendingHit>();

  constructor(
    readonly rule: RuleId,
    private readonly maxEvidence = MAX_EVIDENCE,
  ) {}

  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }

  add(subject: string, reason: Reason, ...evidence: EvidenceRef[]): void {
    let hit = this.bySubject.get(subject);
    if (!hit) {
      hit = { rule: this.rule, subject, reason, reasonRows: evidence, evidence: [] };
      this.bySubject.set(subject, hit);
    }
    for (const ref of evidence) this.addEvidence(hit, ref);
  }

  private addEvidence(hit: PendingHit, ref: EvidenceRef): void {
    const list = hit.evidence;
    if (list.length >= this.maxEvidence) return;
    const table = tableOfKind(ref[0]);
    for (const e of list) if (e[1] === ref[1] && tableOfKind(e[0]) === table) return;
    list.push(ref);
  }

  /** The hits, sorted by subject. */
  hits(): PendingHit[] {
    return [...this.bySubject.values()].sort((a, b) => compareStrings(a.subject, b.subject));
  }
}

/** Writes a pending hit's reason and evidence from fetched rows. */
export function materialiseHit(h: PendingHit, rows: RowLookup): Hit {
  return {
    rule: h.rule,
    subject: h.subject,
    reason: h.reason(rows),
    evidence: h.evidence.map(([kind, i]) => ({ kind, row: rows.get(tableOfKind(kind), i) as unknown as Record<string, unknown> })),
  };
}

/** Code-unit order: stable across locales, and what `sort` gives for plain strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
