// 移送公安机关: the case is referred with its facts and evidence as one package (stored as a case file
// with its hash), and later the police's receipt (回执: who received it, when, document number, an
// optional scan) is recorded; only then may the case close.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import type { Database } from '../db/schema.js';
import { isIsoDate } from '../domain/dates.js';
import { AppError } from '../http/errors.js';
import { mayWork } from './act-on-case.js';
import { caseFiles, caseHistory, findCaseFor, findFile, insertFile, pendingTransfer } from './cases.repository.js';
import { readEvidence, storeEvidenceBuffer } from './evidence-store.js';
import { buildPolicePackage } from './police-package.js';
import { recordAction } from './record-action.js';

export interface ReferToPoliceOptions {
  caseId: string;
  toUnit: string;
  reason: string;
  actor: Principal;
  now: Date;
  dataDir: string;
}

export async function referToPolice(db: Kysely<Database>, o: ReferToPoliceOptions): Promise<{ transferId: string; packageFileId: string; sha256: string }> {
  const toUnit = o.toUnit.trim();
  const reason = o.reason.trim();
  if (!toUnit) throw new AppError('bad_request', '须填写接收的公安机关名称');
  if (reason.length < 4) throw new AppError('bad_request', '须写明移送理由（涉嫌犯罪的事实，至少4个字）');
  return db.transaction().execute(async (trx) => {
    const c = await findCaseFor(trx, o.caseId, o.actor);
    if (!c) throw notFound('案件');
    const why = mayWork(o.actor, c, 'refer_police');
    if (why) throw new AppError('forbidden', why);
    const transferId = randomUUID();
    await recordAction(trx, c, o.actor, { action: 'refer_police', at: o.now, details: { transferId, toUnit, reason }, auditDetails: { transferId, toUnit } });
    const clue = await trx.selectFrom('clues').select(['source', 'summary', 'created_at']).where('id', '=', c.clue_id).executeTakeFirstOrThrow();
    const subjects = await trx.selectFrom('clue_subjects').select(['kind', 'value']).where('clue_id', '=', c.clue_id).execute();
    const zip = await buildPolicePackage({
      c,
      clue: { ...clue, subjects },
      history: await caseHistory(trx, c.id),
      files: (await caseFiles(trx, c.id)).filter((f) => f.kind !== 'package'),
      transfer: { toUnit, reason },
      readFile: (sha) => readEvidence(o.dataDir, sha),
      now: o.now,
    });
    const stored = await storeEvidenceBuffer(o.dataDir, zip);
    const packageFileId = randomUUID();
    await insertFile(trx, { id: packageFileId, case_id: c.id, kind: 'package', name: `移送材料-${c.case_no}.zip`, size: stored.size, sha256: stored.sha256, note: `移送${toUnit}`, uploaded_at: o.now.toISOString(), uploaded_by: o.actor.id });
    await trx
      .insertInto('case_transfers')
      .values({ id: transferId, case_id: c.id, kind: 'police', status: 'pending', from_region: c.region, to_region: null, to_unit: toUnit, reason, created_at: o.now.toISOString(), created_by: o.actor.id, responded_at: null, responded_by: null, response: null, package_sha256: stored.sha256 })
      .execute();
    return { transferId, packageFileId, sha256: stored.sha256 };
  });
}

export interface PoliceReceipt {
  receivedBy: string;
  receivedOn: string;
  docNo: string;
  fileId?: string | null;
}

export async function acknowledgePolice(db: Kysely<Database>, o: { caseId: string; receipt: PoliceReceipt; actor: Principal; now: Date }): Promise<void> {
  const r = { receivedBy: o.receipt.receivedBy.trim(), receivedOn: o.receipt.receivedOn.trim(), docNo: o.receipt.docNo.trim(), fileId: o.receipt.fileId || null };
  if (!r.receivedBy) throw new AppError('bad_request', '回执须填写接收人');
  if (!isIsoDate(r.receivedOn)) throw new AppError('bad_request', '回执接收日期应为 YYYY-MM-DD');
  if (r.receivedOn > o.now.toISOString().slice(0, 10)) throw new AppError('bad_request', '回执接收日期不能晚于今天');
  if (!r.docNo) throw new AppError('bad_request', '回执须填写文书编号');
  await db.transaction().execute(async (trx) => {
    const c = await findCaseFor(trx, o.caseId, o.actor);
    if (!c) throw notFound('案件');
    const why = mayWork(o.actor, c, 'police_ack');
    if (why) throw new AppError('forbidden', why);
    if (r.fileId && !(await findFile(trx, c.id, r.fileId))) throw new AppError('bad_request', '回执扫描件须先作为本案文件上传');
    const t = await pendingTransfer(trx, c.id, 'police');
    await recordAction(trx, c, o.actor, { action: 'police_ack', at: o.now, details: { transferId: t?.id, ...r }, auditDetails: { docNo: r.docNo } });
    if (t) await trx.updateTable('case_transfers').set({ status: 'acknowledged', responded_at: o.now.toISOString(), responded_by: o.actor.id, response: JSON.stringify(r) }).where('id', '=', t.id).execute();
  });
}
