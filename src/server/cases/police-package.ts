// The police transfer package (移送材料): one ZIP with the case facts (case.json, 案件事实.txt), the
// action history (history.json), every case file under evidence/, and a manifest of SHA-256 hashes
// (manifest.json, and SHA256SUMS for `sha256sum -c`). Pure apart from reading the stored files.

import { createHash } from 'node:crypto';
import yazl from 'yazl';
import type { CaseActionsTable, CaseFilesTable, CasesTable } from '../db/schema.js';
import { regionByCode } from '../domain/regions.js';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseAction, type CaseState } from './case-machine.js';

export interface PackageInput {
  c: CasesTable;
  clue: { source: string; summary: string; created_at: string; subjects: Array<{ kind: string; value: string }> };
  history: CaseActionsTable[];
  files: CaseFilesTable[];
  transfer: { toUnit: string; reason: string };
  readFile: (sha256: string) => Promise<Buffer>;
  now: Date;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A file name safe inside the ZIP: no folders, no control characters. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-120) || 'file';
}

export async function buildPolicePackage(p: PackageInput): Promise<Buffer> {
  const entries: Array<{ path: string; content: Buffer }> = [];
  const text = (path: string, s: string) => entries.push({ path, content: Buffer.from(s, 'utf8') });
  const region = regionByCode(p.c.region)?.name ?? p.c.region;
  const history = p.history.map((h) => ({ seq: h.seq, action: h.action, label: CASE_ACTION_LABELS[h.action as CaseAction] ?? (h.action === 'attach' ? '附件' : h.action), at: h.at, actor: h.actor_name, details: JSON.parse(h.details) }));
  text(
    'case.json',
    JSON.stringify(
      {
        caseNo: p.c.case_no,
        title: p.c.title,
        region: p.c.region,
        regionName: region,
        filedAt: p.c.filed_at,
        state: p.c.state,
        clue: p.clue,
        transfer: p.transfer,
        generatedAt: p.now.toISOString(),
      },
      null,
      2,
    ),
  );
  text(
    '案件事实.txt',
    [
      `案件编号：${p.c.case_no}`,
      `案件名称：${p.c.title}`,
      `办案地区：${region}`,
      `立案时间：${p.c.filed_at}`,
      `当前状态：${CASE_STATE_LABELS[p.c.state as CaseState] ?? p.c.state}`,
      `移送单位：${p.transfer.toUnit}`,
      `移送理由：${p.transfer.reason}`,
      '',
      `线索来源：${p.clue.source}（${p.clue.created_at}）`,
      `线索摘要：${p.clue.summary}`,
      `涉及对象：${p.clue.subjects.map((s) => `${s.kind} ${s.value}`).join('；')}`,
      '',
      '办理经过：',
      ...history.map((h) => `${h.seq}. ${h.at} ${h.label}（${h.actor ?? '系统'}）${h.details.note ? '：' + h.details.note : ''}`),
      '',
      `证据材料 ${p.files.length} 份，清单及 SHA-256 见 manifest.json / SHA256SUMS。`,
    ].join('\r\n'),
  );
  text('history.json', JSON.stringify(history, null, 2));
  for (const [i, f] of p.files.entries()) entries.push({ path: `evidence/${String(i + 1).padStart(3, '0')}-${safeName(f.name)}`, content: await p.readFile(f.sha256) });
  const manifest = entries.map((e) => ({ path: e.path, size: e.content.length, sha256: sha(e.content) }));
  text('manifest.json', JSON.stringify({ caseNo: p.c.case_no, generatedAt: p.now.toISOString(), files: manifest }, null, 2));
  text('SHA256SUMS', manifest.map((m) => `${m.sha256}  ${m.path}`).join('\n') + '\n');

  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.content, e.path, { mtime: p.now });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
