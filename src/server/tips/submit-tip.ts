// submitTip: a tip from the public portal or entered by staff from a hotline call. Routes it to the
// jurisdiction (the chosen region, else the subject's), opens or joins a clue on its subjects, checks a
// reported website against the official register, and gives the reporter a tracking code.

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { levelOf } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import { openClue, registryRegion } from '../clues/clues.repository.js';
import type { ClueSubject } from '../clues/subjects.js';
import type { Database } from '../db/schema.js';
import { todayCst } from '../domain/dates.js';
import { regionByCode, SICHUAN_CODE } from '../domain/regions.js';
import type { LookalikeResult } from '../websites/lookalike.js';
import { recordWebsite } from '../websites/record-website.js';
import { VERDICT_TEXT } from '../websites/verdicts.js';
import type { Attachment } from './attachments.js';
import { hashPin } from './pin.js';
import type { TipInput } from './tip-input.js';
import { handlingDueDate, handlingUnit, TIP_CHANNELS } from './tip-rules.js';
import { insertAttachments, insertTip } from './tips.repository.js';
import { codeHash, newTrackingCode } from './tracking-code.js';

export interface SubmittedTip {
  id: string;
  trackingCode: string;
  region: string;
  handlingUnit: string;
  dueDate: string;
  clueId: string | null;
  /** False when the clue already existed (another report on the same subject). */
  clueCreated: boolean;
}

const INSTITUTION_CATEGORIES = ['虚假培训或广告', '培训考试作弊'];

/** The subjects a clue can be matched and routed on: identifiers only (names alone identify nobody). */
export function tipSubjects(t: TipInput): ClueSubject[] {
  const s: ClueSubject[] = [];
  if (t.subjectCertNo) s.push({ kind: 'certificate', value: t.subjectCertNo });
  if (t.subjectIdNo) s.push({ kind: 'person', value: t.subjectIdNo });
  if (t.subjectUscc) s.push({ kind: INSTITUTION_CATEGORIES.includes(t.category) ? 'institution' : 'enterprise', value: t.subjectUscc });
  if (t.subjectUrl) s.push({ kind: 'website', value: t.subjectUrl });
  return s;
}

export function unitOf(region: string): string {
  return handlingUnit(regionByCode(region)?.name ?? null, levelOf(region));
}

export async function submitTip(
  trx: Transaction<Database>,
  o: { input: TipInput; attachments: Attachment[]; actor: Principal | null; publicBaseUrl: string; now: Date },
): Promise<SubmittedTip> {
  const t = o.input;
  const id = randomUUID();
  const receivedAt = t.receivedAt ?? o.now.toISOString();
  const subjects = tipSubjects(t);
  const region = t.region ?? (await registryRegion(trx, subjects)) ?? SICHUAN_CODE;

  // The website check first, so the clue carries its verdict (a 疑似仿冒 tag with the reasons).
  let lookalike: LookalikeResult | null = null;
  if (t.subjectUrl) {
    const w = await recordWebsite(trx, o.publicBaseUrl, { url: t.subjectUrl, source: 'tip', tipId: id, region, createdBy: o.actor?.id ?? null, openClueIfLookalike: false });
    lookalike = w.result;
  }

  let clue: { id: string; created: boolean } | null = null;
  if (subjects.length) {
    const tag = lookalike?.verdict === 'lookalike' ? `【${VERDICT_TEXT.lookalike}】` : '';
    clue = await openClue(trx, {
      source: 'tip',
      subjects,
      summary: `${tag}${TIP_CHANNELS[t.channel]}（${t.category}）：${t.description.slice(0, 80)}`,
      region,
      details: { tipId: id, category: t.category, channel: t.channel, anonymous: t.anonymous, ...(lookalike ? { lookalike } : {}) },
      createdBy: o.actor?.id ?? null,
    });
  }

  const code = newTrackingCode();
  const dueDate = handlingDueDate(todayCst(new Date(receivedAt)));
  await insertTip(trx, {
    id,
    code_hash: codeHash(code),
    pin_hash: t.pin ? await hashPin(t.pin) : null,
    channel: t.channel,
    category: t.category,
    anonymous: t.anonymous ? 1 : 0,
    reporter_name: t.reporterName,
    reporter_phone: t.reporterPhone,
    region,
    subject_cert_no: t.subjectCertNo,
    subject_person: t.subjectPersonName,
    subject_id_no: t.subjectIdNo,
    subject_enterprise: t.subjectEnterprise,
    subject_uscc: t.subjectUscc,
    subject_url: t.subjectUrl,
    description: t.description,
    received_at: receivedAt,
    due_date: dueDate,
    status: clue ? 'handling' : 'received',
    clue_id: clue?.id ?? null,
    clue_created: clue?.created ? 1 : 0,
    lookalike: lookalike ? JSON.stringify(lookalike) : null,
    outcome: null,
    valid: null,
    closed_at: null,
    feedback_due: null,
    feedback_at: null,
    track_failures: 0,
    track_locked_until: null,
    created_by: o.actor?.id ?? null,
  });
  await insertAttachments(
    trx,
    o.attachments.map((a) => ({ tip_id: id, sha256: a.sha256, name: a.name, mime: a.mime, size: a.size })),
  );
  await appendAudit(trx, o.actor, {
    action: o.actor ? 'tip.enter' : 'tip.submit',
    objectType: 'tip',
    objectId: id,
    region,
    details: { category: t.category, channel: t.channel, anonymous: t.anonymous, attachments: o.attachments.length, clueId: clue?.id ?? null, clueCreated: clue?.created ?? false },
  });
  return { id, trackingCode: code, region, handlingUnit: unitOf(region), dueDate, clueId: clue?.id ?? null, clueCreated: clue?.created ?? false };
}
