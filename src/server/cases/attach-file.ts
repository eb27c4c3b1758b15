// Documents and evidence attached to a case: stored by SHA-256 (evidence-store.ts), listed with the
// hash, entered in the history; downloads re-check the hash and are audited.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import type { Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { mayWork } from './act-on-case.js';
import { findCaseFor, findFile, insertFile } from './cases.repository.js';
import { readEvidence, storeEvidence } from './evidence-store.js';
import { recordNote } from './record-action.js';

export const FILE_KINDS = ['evidence', 'document', 'receipt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_KIND_LABELS: Record<string, string> = { evidence: '证据', document: '文书', receipt: '回执扫描件', package: '移送材料包' };

export async function attachFile(
  db: Kysely<Database>,
  o: { caseId: string; kind: FileKind; name: string; note: string | null; content: Readable; actor: Principal; now: Date; dataDir: string; truncated?: () => boolean },
): Promise<{ id: string; sha256: string; size: number }> {
  const name = o.name.trim().slice(-200);
  if (!name) throw new AppError('bad_request', '文件须有文件名');
  // Look the case up before storing anything, so a foreign or unknown case writes nothing.
  const c = await findCaseFor(db, o.caseId, o.actor);
  if (!c) throw notFound('案件');
  const why = mayWork(o.actor, c, 'investigate');
  if (why) throw new AppError('forbidden', why);
  if (!c.assignee_id) throw new AppError('conflict', '案件尚未指派承办人，请先指派');
  if (c.state === 'closed' || c.state === 'revoked') throw new AppError('conflict', '案件已办结，不能再添加文件');
  const stored = await storeEvidence(o.dataDir, o.content);
  // A file cut at the size limit is not evidence: nothing is recorded (the stored bytes stay unreferenced).
  if (o.truncated?.()) throw new AppError('payload_too_large', '文件超过大小上限');
  if (stored.size === 0) throw new AppError('bad_request', '文件内容为空');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertFile(trx, { id, case_id: c.id, kind: o.kind, name, size: stored.size, sha256: stored.sha256, note: o.note?.trim() || null, uploaded_at: o.now.toISOString(), uploaded_by: o.actor.id });
    await recordNote(trx, c, o.actor, { action: 'attach', at: o.now, details: { fileId: id, kind: o.kind, name, sha256: stored.sha256, size: stored.size } });
  });
  return { id, ...stored };
}

/** A case file's bytes after the hash check; the download is audited. */
export async function downloadFile(db: Kysely<Database>, o: { caseId: string; fileId: string; actor: Principal; dataDir: string }) {
  const c = await findCaseFor(db, o.caseId, o.actor);
  if (!c) throw notFound('案件');
  const f = await findFile(db, c.id, o.fileId);
  if (!f) throw notFound('文件');
  const content = await readEvidence(o.dataDir, f.sha256);
  await appendAudit(db, o.actor, { action: f.kind === 'package' ? 'case.package_download' : 'case.file_download', objectType: 'case', objectId: c.id, region: c.region, details: { caseNo: c.case_no, fileId: f.id, name: f.name, sha256: f.sha256 } });
  return { file: f, content };
}
