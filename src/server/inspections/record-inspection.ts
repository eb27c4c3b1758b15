// recordInspection: a site inspection (project, enterprise, date, inspectors) or an inspection of a
// training/exam institution (video review, call-backs to trainees, file checks, findings; findings may
// open a clue on the institution).

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { governs, type Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import { openClue } from '../clues/clues.repository.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import type { Database, InspectionsTable } from '../db/schema.js';
import { isIsoDate } from '../domain/dates.js';
import { regionByCode } from '../domain/regions.js';
import { AppError } from '../http/errors.js';
import { insertInspection } from './inspections.repository.js';

export interface InspectionInput {
  kind: 'site' | 'institution';
  region: string;
  date: string;
  inspectors: string[];
  projectName?: string;
  projectNo?: string;
  orgUscc?: string;
  orgName?: string;
  /** Institution inspections. */
  videoReviewed?: boolean;
  videoNotes?: string;
  callsMade?: number;
  callsConfirmed?: number;
  filesChecked?: number;
  fileProblems?: number;
  findings?: string;
  openClue?: boolean;
}

const fail = (field: string, reason: string): never => {
  throw new AppError('bad_request', `${field}：${reason}`);
};

export async function recordInspection(trx: Transaction<Database>, actor: Principal, i: InspectionInput, now: Date, today: string): Promise<InspectionsTable> {
  if (!regionByCode(i.region) || i.region === '510000') fail('检查地区', '请选择项目或机构所在的市州或区县');
  if (!governs(actor, i.region)) fail('检查地区', '不在本账号的管辖范围内');
  if (!isIsoDate(i.date)) fail('检查日期', '格式应为 YYYY-MM-DD');
  if (i.date > today) fail('检查日期', '不能晚于今天');
  const inspectors = i.inspectors.map((s) => s.trim()).filter(Boolean);
  if (inspectors.length === 0) fail('检查人员', '至少填写一名');
  const uscc = i.orgUscc?.trim().toUpperCase() || null;
  if (uscc && !isValidCreditCode(uscc)) fail('统一社会信用代码', '不正确（18位，校验位不符）');
  if (i.kind === 'site' && !i.projectName?.trim()) fail('项目名称', '请填写');
  let institution: string | null = null;
  if (i.kind === 'institution') {
    if (!i.orgName?.trim()) fail('机构名称', '请填写');
    const made = i.callsMade ?? 0;
    const confirmed = i.callsConfirmed ?? 0;
    if (confirmed > made) fail('电话回访核实人数', '不能多于回访人数');
    if ((i.fileProblems ?? 0) > (i.filesChecked ?? 0)) fail('档案问题份数', '不能多于抽查份数');
    if (i.openClue && !uscc) fail('统一社会信用代码', '生成线索需要机构的统一社会信用代码');
    if (i.openClue && !i.findings?.trim()) fail('检查发现', '生成线索需要写明发现的问题');
    institution = JSON.stringify({
      videoReviewed: !!i.videoReviewed,
      videoNotes: i.videoNotes?.trim() || null,
      callsMade: made,
      callsConfirmed: confirmed,
      filesChecked: i.filesChecked ?? 0,
      fileProblems: i.fileProblems ?? 0,
    });
  }
  const row: InspectionsTable = {
    id: randomUUID(),
    kind: i.kind,
    region: i.region,
    date: i.date,
    inspectors: JSON.stringify(inspectors),
    project_name: i.projectName?.trim() || null,
    project_no: i.projectNo?.trim() || null,
    org_uscc: uscc,
    org_name: i.orgName?.trim() || null,
    institution,
    findings: i.findings?.trim() || null,
    clue_id: null,
    created_at: now.toISOString(),
    created_by: actor.id,
  };
  if (i.kind === 'institution' && i.openClue && uscc) {
    const clue = await openClue(trx, {
      source: 'inspection',
      subjects: [{ kind: 'institution', value: uscc }],
      summary: `培训考核机构检查发现问题：${row.org_name}`,
      region: i.region,
      details: { inspectionId: row.id, date: row.date, findings: row.findings, ...JSON.parse(institution!) },
      createdBy: actor.id,
    });
    row.clue_id = clue.id;
  }
  await insertInspection(trx, row);
  await appendAudit(trx, actor, { action: 'inspection.record', objectType: 'inspection', objectId: row.id, region: row.region, details: { kind: row.kind, date: row.date, clueId: row.clue_id } });
  return row;
}
