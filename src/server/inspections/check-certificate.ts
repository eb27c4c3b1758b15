// judgeOnSite + recordCheck: one person checked during an inspection — by the QR code of their certificate (the signed
// token checked as the public verify page does, status from the registry now), by the number typed in
// with the person's name, or recorded as working without a certificate. A problem opens (or joins) a
// clue on the certificate or the person, in the inspection's region.

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import { openClue } from '../clues/clues.repository.js';
import type { CredentialService } from '../credentials/credential-service.js';
import { tokenFromScan } from '../credentials/token-format.js';
import type { Database, InspectionsTable } from '../db/schema.js';
import { maskIdNo, maskName } from '../domain/masking.js';
import { normCode, normName, normUpperCode } from '../domain/normalise.js';
import { residentIdProblem } from '../domain/resident-id.js';
import { AppError } from '../http/errors.js';
import type { VerificationLookup } from '../verification/verification.repository.js';
import { CHECK_RESULTS, isProblem, judgeCertificate, type CheckResult } from './check-outcome.js';
import { certificatesByNumber, insertCheck } from './inspections.repository.js';

const BAD_TOKEN = ['bad_signature', 'unknown_key', 'retired_key', 'compromised_key', 'malformed', 'oversized', 'unsupported_alg', 'not_yet_valid'];

export type CheckInput =
  | { method: 'qr'; scanned: string; personName?: string }
  | { method: 'typed'; certNo: string; personName: string }
  | { method: 'none'; personName: string; idNo: string; post?: string };

export interface CheckDeps {
  credentials: CredentialService;
  lookup: VerificationLookup;
  today: string;
}

export interface Judged {
  result: CheckResult;
  certNo: string | null;
  personName: string | null;
  holder: string | null;
  detail: string;
  subject: { kind: 'certificate' | 'person'; value: string };
}

/**
 * What the check found. Reads only, and outside the transaction that records it: the token check may
 * load signing keys through the app's own connection, which an open SQLite transaction would hold.
 */
export async function judgeOnSite(db: Kysely<Database>, input: CheckInput, deps: CheckDeps): Promise<Judged> {
  let result: CheckResult;
  let certNo: string | null = null;
  let personName: string | null = null;
  let holder: string | null = null;
  let detail = '';
  let subject: { kind: 'certificate' | 'person'; value: string };

  if (input.method === 'none') {
    personName = normName(input.personName ?? '');
    const idNo = normUpperCode(input.idNo ?? '');
    if (!personName) throw new AppError('bad_request', '姓名：请填写现场人员姓名');
    if (residentIdProblem(idNo) !== null) throw new AppError('bad_request', '身份证号：应为18位有效身份证号（用于生成线索）');
    result = 'no_certificate';
    detail = `岗位：${input.post?.trim() || '未填写'}`;
    subject = { kind: 'person', value: idNo };
  } else if (input.method === 'typed') {
    certNo = normCode(input.certNo ?? '');
    personName = normName(input.personName ?? '');
    if (!certNo) throw new AppError('bad_request', '证书编号：请填写');
    if (!personName) throw new AppError('bad_request', '姓名：请填写现场人员姓名');
    const judged = judgeCertificate(await certificatesByNumber(db, certNo), personName, deps.today);
    result = judged.result;
    holder = judged.cert?.name ?? null;
    subject = { kind: 'certificate', value: certNo };
  } else {
    const token = tokenFromScan(input.scanned ?? '');
    if (!token) throw new AppError('bad_request', '二维码：不是本系统签发的电子证书二维码，请改为手工录入证书编号');
    personName = normName(input.personName ?? '') || null;
    const verdict = await deps.credentials.checkToken(token, (cid) => deps.lookup.byCid(cid));
    const rows = verdict.claims && !BAD_TOKEN.includes(verdict.outcome) ? (await deps.lookup.byCid(verdict.claims.cid)).filter((c) => c.source === '') : [];
    if (!verdict.claims || BAD_TOKEN.includes(verdict.outcome)) {
      result = 'bad_qr';
      detail = verdict.reason;
      subject = { kind: 'certificate', value: `二维码:${token.slice(-16)}` };
    } else {
      const judged = judgeCertificate(rows, personName, deps.today);
      result = judged.result;
      certNo = judged.cert?.cert_no ?? null;
      holder = judged.cert?.name ?? null;
      subject = { kind: 'certificate', value: certNo ?? `令牌:${verdict.claims.cid}` };
    }
  }

  return { result, certNo, personName, holder, detail, subject };
}

/** Record a judged check; a problem opens (or joins) a clue. Call inside the transaction. */
export async function recordCheck(trx: Transaction<Database>, insp: InspectionsTable, actor: Principal, input: CheckInput, judged: Judged, now: Date) {
  const { result, certNo, personName, holder, detail, subject } = judged;
  const problem = CHECK_RESULTS[result].problem;
  let clue: { id: string; created: boolean } | null = null;
  if (isProblem(result)) {
    clue = await openClue(trx, {
      source: 'inspection',
      subjects: [subject],
      summary: `执法检查发现${problem}：${insp.project_name ?? insp.org_name ?? ''}`.trim(),
      region: insp.region,
      details: {
        inspectionId: insp.id,
        date: insp.date,
        project: insp.project_name,
        enterpriseUscc: insp.org_uscc,
        method: input.method,
        result,
        certNo,
        person: personName ? maskName(personName) : null,
        holder: holder ? maskName(holder) : null,
        detail,
      },
      createdBy: actor.id,
    });
  }
  const id = randomUUID();
  await insertCheck(trx, {
    id,
    inspection_id: insp.id,
    method: input.method,
    cert_no: certNo,
    person_name: personName,
    post: input.method === 'none' ? (input.post?.trim() || null) : null,
    result,
    problem,
    clue_id: clue?.id ?? null,
    checked_at: now.toISOString(),
    checked_by: actor.id,
  });
  await appendAudit(trx, actor, {
    action: 'inspection.check',
    objectType: 'inspection',
    objectId: insp.id,
    region: insp.region,
    details: { method: input.method, result, certNo, person: personName ? maskName(personName) : null, idNo: input.method === 'none' ? maskIdNo(subject.value) : undefined, clueId: clue?.id ?? null },
  });
  return {
    id,
    method: input.method,
    certNo,
    personName,
    holderName: holder ? maskName(holder) : null,
    result,
    label: CHECK_RESULTS[result].label,
    problem,
    detail,
    clueId: clue?.id ?? null,
    clueCreated: clue?.created ?? false,
  };
}
