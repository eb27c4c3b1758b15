// How a run's hits stand against the previous run and against officials' judgements. Pure.

import { createHash } from 'node:crypto';

export type Change = 'new' | 'remaining' | 'gone';
export type Judgement = 'confirmed' | 'dismissed';

/** A stable fingerprint of the evidence a hit rests on: a dismissal holds while it is unchanged. */
export function evidenceHash(evidence: unknown): string {
  return createHash('sha256').update(JSON.stringify(evidence)).digest('hex').slice(0, 32);
}

export const hitKey = (rule: string, subject: string) => `${rule}\u0001${subject}`;

export interface StoredJudgement {
  decision: Judgement;
  evidenceHash: string;
}

export interface HitStanding {
  change: Change;
  /** confirmed; dismissed (and still on the same evidence); or null (pending, or dismissed on other evidence). */
  judgement: Judgement | null;
}

export function standingOf(
  key: string,
  hash: string,
  previous: ReadonlySet<string>,
  judgements: ReadonlyMap<string, StoredJudgement>,
): HitStanding {
  const j = judgements.get(key);
  let judgement: Judgement | null = null;
  if (j?.decision === 'confirmed') judgement = 'confirmed';
  else if (j?.decision === 'dismissed' && j.evidenceHash === hash) judgement = 'dismissed';
  return { change: previous.has(key) ? 'remaining' : 'new', judgement };
}

/** Keys of the previous run that this run no longer gives. */
export function goneKeys(previous: Iterable<string>, current: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const k of previous) if (!current.has(k)) out.push(k);
  return out;
}
