// An official confirms a hit (it becomes a clue) or dismisses it with a reason. Judgements are kept across
// runs; a dismissal holds while the hit's evidence stays the same.

import type { Kysely } from 'kysely';
import type { Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { maskIdNo } from '../domain/masking.js';
import { openClueOrMatch } from '../clues/clues.repository.js';
import { AppError } from '../http/errors.js';
import { RULES } from '../screening/engine.js';
import { applyJudgementToHits, findHit, findJudgement, upsertJudgement } from './runs.repository.js';

/** Rules whose subject is a person's ID number: the subject is masked wherever it is shown or logged. */
export const PERSON_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.subjectType === 'id_no').map((r) => r.id as string));

export interface JudgeHitOptions {
  runId: string;
  rule: string;
  subject: string;
  decision: 'confirmed' | 'dismissed';
  reason: string | null;
  userId: string | null;
  /** Who judged: recorded in the audit log in the judgement's transaction. */
  actor?: Principal | null;
}

export async function judgeHit(db: Kysely<Database>, o: JudgeHitOptions) {
  const reason = o.reason?.trim() || null;
  if (o.decision === 'dismissed' && (!reason || reason.length < 2)) throw new AppError('bad_request', '排除命中须填写理由');
  return db.transaction().execute(async (trx) => {
    const hit = await findHit(trx, o.runId, o.rule, o.subject);
    if (!hit || hit.change === 'gone') throw new AppError('not_found', '该命中不存在');
    const previous = await findJudgement(trx, o.rule, o.subject);
    // A replay of the same judgement on the same evidence returns the first result.
    if (previous && previous.decision === o.decision && previous.evidence_hash === hit.evidence_hash && (previous.reason ?? null) === reason)
      return { judgement: previous, clueId: previous.clue_id, replay: true };
    let clueId: string | null = previous?.clue_id ?? null;
    if (o.decision === 'confirmed') {
      const rule = RULES.find((r) => r.id === o.rule)!;
      const clue = await openClueOrMatch(trx, {
        source: 'screening',
        subjectType: rule.subjectType,
        subject: o.subject,
        summary: `【${rule.id} ${rule.name}】${hit.reason}`,
        region: hit.region,
        details: { runId: o.runId, rule: o.rule, evidence: JSON.parse(hit.evidence), note: reason },
        createdBy: o.userId,
      });
      clueId = clue.id;
    }
    const judgement = {
      rule: o.rule,
      subject: o.subject,
      decision: o.decision,
      reason,
      evidence_hash: hit.evidence_hash,
      run_id: o.runId,
      decided_by: o.userId,
      decided_at: new Date().toISOString(),
      clue_id: clueId,
    };
    await upsertJudgement(trx, judgement);
    await applyJudgementToHits(trx, o.rule, o.subject, o.decision, hit.evidence_hash);
    // A person's ID number goes into the log masked.
    const subject = PERSON_RULES.has(o.rule) ? maskIdNo(o.subject) : o.subject;
    await appendAudit(trx, o.actor ?? null, {
      action: o.decision === 'confirmed' ? 'hit.confirm' : 'hit.dismiss',
      objectType: 'screening_hit',
      objectId: `${o.rule}:${subject}`,
      region: hit.region,
      details: { runId: o.runId, rule: o.rule, reason, clueId },
    });
    return { judgement, clueId, replay: false };
  });
}
