// A decision's effects on the registry, in the decision's transaction: certificate states, enterprise
// safety-licence states, 停业整改 orders and the dishonesty list. The public verification answer and the
// QR status list read the same rows, so they show the change as soon as it commits (the caller then
// drops the status list's cached copy).

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CasesTable, Database } from '../db/schema.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { maskIdNo } from '../domain/masking.js';
import { AppError } from '../http/errors.js';
import { CERT_STATE_OF, checkDecision, LICENCE_STATE_OF, type DecisionItem } from './decisions.js';

export interface DecisionEffects {
  /** Certificates of our registry whose state changed: the status list must be rebuilt. */
  certificates: Array<{ certNo: string; from: string; to: string }>;
  licences: Array<{ uscc: string; from: string | null; to: string }>;
  rectifications: string[];
  dishonesty: string[];
}

/** Normalise and check the items against the registry; throws bad_request naming the item. */
export async function prepareDecision(trx: Transaction<Database>, raw: DecisionItem[]): Promise<DecisionItem[]> {
  const items = raw.map((it) => ({ ...it, certNo: it.certNo?.normalize('NFKC').trim(), target: it.target?.normalize('NFKC').trim().toUpperCase(), note: it.note?.trim() || undefined }));
  const problem = checkDecision(items);
  if (problem) throw new AppError('bad_request', problem);
  for (const [i, it] of items.entries()) {
    const at = `第${i + 1}项`;
    if (it.certNo && CERT_STATE_OF[it.type]) {
      const cert = await trx.selectFrom('certificates').select('status').where('cert_no', '=', it.certNo).where('source', '=', '').executeTakeFirst();
      if (!cert) throw new AppError('bad_request', `${at}：本厅证书库中没有证书“${it.certNo}”`);
    }
    if (it.target && (LICENCE_STATE_OF[it.type] || it.type === 'rectify' || (it.type === 'dishonesty' && it.targetKind !== 'person'))) {
      if (!isValidCreditCode(it.target)) throw new AppError('bad_request', `${at}：统一社会信用代码“${it.target}”不正确`);
      if (LICENCE_STATE_OF[it.type]) {
        const e = await trx.selectFrom('enterprises').select('uscc').where('uscc', '=', it.target).executeTakeFirst();
        if (!e) throw new AppError('bad_request', `${at}：企业库中没有信用代码为“${it.target}”的企业`);
      }
    }
    if (it.type === 'dishonesty' && it.targetKind === 'person' && !/^\d{17}[\dX]$/.test(it.target ?? '')) throw new AppError('bad_request', `${at}：身份证号不正确`);
  }
  return items;
}

export async function applyDecision(trx: Transaction<Database>, c: CasesTable, items: DecisionItem[], now: Date): Promise<DecisionEffects> {
  const effects: DecisionEffects = { certificates: [], licences: [], rectifications: [], dishonesty: [] };
  const at = now.toISOString();
  for (const it of items) {
    const certState = CERT_STATE_OF[it.type];
    if (certState && it.certNo) {
      const cert = await trx.selectFrom('certificates').select('status').where('cert_no', '=', it.certNo).where('source', '=', '').executeTakeFirstOrThrow();
      await trx.updateTable('certificates').set({ status: certState }).where('cert_no', '=', it.certNo).where('source', '=', '').execute();
      effects.certificates.push({ certNo: it.certNo, from: cert.status, to: certState });
    }
    const licenceState = LICENCE_STATE_OF[it.type];
    if (licenceState && it.target) {
      const e = await trx.selectFrom('enterprises').select('license_status').where('uscc', '=', it.target).executeTakeFirstOrThrow();
      await trx.updateTable('enterprises').set({ license_status: licenceState }).where('uscc', '=', it.target).execute();
      effects.licences.push({ uscc: it.target, from: e.license_status, to: licenceState });
    }
    if (it.type === 'rectify' && it.target) {
      await trx
        .insertInto('rectification_orders')
        .values({ id: randomUUID(), uscc: it.target, case_id: c.id, region: c.region, ordered_at: at, requirements: it.note ?? null, lifted_at: null, lifted_by: null, lift_note: null })
        .execute();
      effects.rectifications.push(it.target);
    }
    if (it.type === 'dishonesty' && it.target) {
      await trx
        .insertInto('dishonesty_list')
        .values({ id: randomUUID(), subject_kind: it.targetKind!, subject: it.target, name: null, reason: it.note ?? '行政处罚决定', case_id: c.id, region: c.region, listed_at: at, until: it.until ?? null })
        .execute();
      effects.dishonesty.push(it.targetKind === 'person' ? maskIdNo(it.target) : it.target);
    }
  }
  return effects;
}

/** A passed re-inspection lifts the case's 停业整改 order on the institution. */
export async function liftRectification(trx: Transaction<Database>, caseId: string, uscc: string, by: string, note: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('rectification_orders')
    .set({ lifted_at: now.toISOString(), lifted_by: by, lift_note: note })
    .where('case_id', '=', caseId)
    .where('uscc', '=', uscc)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Is an institution under a 停业整改 order no re-inspection has lifted? (for other areas to ask) */
export async function isUnderRectification(db: Transaction<Database> | import('kysely').Kysely<Database>, uscc: string): Promise<boolean> {
  const row = await db.selectFrom('rectification_orders').select('id').where('uscc', '=', uscc).where('lifted_at', 'is', null).executeTakeFirst();
  return !!row;
}
