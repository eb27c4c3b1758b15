// The shapes screening hands out: hits with their evidence, and the metadata of each rule.

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

/**
 * Gathers one rule's hits: one per subject however many rows support it. The first reason given
 * for a subject is kept; evidence rows are merged (each row once, by identity) up to the cap.
 */
export class HitCollector {
  private readonly bySubject = new Map<string, Hit>();

  constructor(
    readonly rule: RuleId,
    private readonly maxEvidence = MAX_EVIDENCE,
  ) {}

  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }

  add(subject: string, reason: string, ...evidence: Array<readonly [kind: EvidenceKind, row: object]>): void {
    let hit = this.bySubject.get(subject);
    if (!hit) {
      hit = { rule: this.rule, subject, reason, evidence: [] };
      this.bySubject.set(subject, hit);
    }
    for (const [kind, row] of evidence) this.addEvidence(hit, kind, row);
  }

  private addEvidence(hit: Hit, kind: EvidenceKind, row: object): void {
    const list = hit.evidence;
    if (list.length >= this.maxEvidence) return;
    for (const e of list) if (e.row === row) return;
    list.push({ kind, row: row as Record<string, unknown> });
  }

  /** The hits, sorted by subject. */
  hits(): Hit[] {
    return [...this.bySubject.values()].sort((a, b) => compareStrings(a.subject, b.subject));
  }
}

/** Code-unit order: stable across locales, and what `sort` gives for plain strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
