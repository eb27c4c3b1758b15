// hits.csv of data-exchange contract §3: UTF-8 with BOM (so Excel opens it), columns
// 规则编号,对象,说明,证据 with the evidence as JSON, RFC 4180 quoting, CRLF line ends.
// Also reads hits files back, including the two-column `rule,subject` form of expected-hits.csv.

import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Hit } from './types.js';

export const HITS_CSV_HEADER = ['规则编号', '对象', '说明', '证据'] as const;
const HEADER_KEYS: Record<string, 'rule' | 'subject' | 'reason' | 'evidence'> = {
  规则编号: 'rule',
  rule: 'rule',
  对象: 'subject',
  subject: 'subject',
  说明: 'reason',
  reason: 'reason',
  证据: 'evidence',
  evidence: 'evidence',
};
const BOM = '\ufeff';

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (or leading/trailing spaces). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

function hitLine(h: Hit): string {
  return [h.rule, h.subject, h.reason, JSON.stringify(h.evidence)].map(csvField).join(',') + '\r\n';
}

/** The whole file as a string (BOM included); for small results and tests. */
export function formatHitsCsv(hits: readonly Hit[]): string {
  let out = BOM + HITS_CSV_HEADER.join(',') + '\r\n';
  for (const h of hits) out += hitLine(h);
  return out;
}

/** Writes hits.csv to a stream (left open) or a file path, respecting back-pressure. */
export async function writeHitsCsv(hits: Iterable<Hit>, target: Writable | string): Promise<void> {
  const stream = typeof target === 'string' ? createWriteStream(target, { encoding: 'utf8' }) : target;
  const write = async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  await write(BOM + HITS_CSV_HEADER.join(',') + '\r\n');
  let buffer = '';
  for (const h of hits) {
    buffer += hitLine(h);
    if (buffer.length > 64 * 1024) {
      await write(buffer);
      buffer = '';
    }
  }
  if (buffer) await write(buffer);
  if (typeof target === 'string') {
    stream.end();
    await once(stream, 'finish');
  }
}

/** RFC 4180 records of a CSV text (BOM stripped, CRLF or LF, quoted fields with "" escapes). */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && s[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface HitRow {
  rule: string;
  subject: string;
  reason?: string;
  evidence?: unknown;
}

/** Hits from hits.csv, or (rule, subject) pairs from an expected-hits file; headers in Chinese or English. */
export function parseHitsCsv(text: string): HitRow[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const columns = header.map((h) => HEADER_KEYS[h.trim().toLowerCase()] ?? HEADER_KEYS[h.trim()]);
  const at = (name: string) => columns.indexOf(name as never);
  const [ri, si, ni, ei] = [at('rule'), at('subject'), at('reason'), at('evidence')];
  if (ri < 0 || si < 0) throw new Error(`hits 文件缺少 规则编号/rule 或 对象/subject 列：${header.join(',')}`);
  return body.map((r) => {
    const out: HitRow = { rule: (r[ri] ?? '').trim(), subject: (r[si] ?? '').trim() };
    if (ni >= 0) out.reason = r[ni] ?? '';
    if (ei >= 0 && r[ei]) out.evidence = JSON.parse(r[ei]!);
    return out;
  });
}

export async function readHitsCsv(path: string): Promise<HitRow[]> {
  return parseHitsCsv(await readFile(path, 'utf8'));
}
