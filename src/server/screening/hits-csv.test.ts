import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatHitsCsv, parseCsv, parseHitsCsv, writeHitsCsv } from './hits-csv.js';
import type { Hit } from './types.js';

const hits: Hit[] = [
  {
    rule: 'R01',
    subject: '川建安B(2023)9999999',
    reason: '证书编号 川建安B(2023)9999999 在发证库和共享库中均不存在',
    evidence: [{ kind: 'staffing', row: { project_no: 'XM1', name: '张 "三"', note: 'a,b\nc' } }],
  },
  { rule: 'R13', subject: '51010419801301001X', reason: '身份证号 51010419801301001X 出生日期不存在', evidence: [] },
];

describe('hits.csv', () => {
  it('starts with a UTF-8 BOM and the contract header, CRLF line ends', () => {
    const text = formatHitsCsv(hits);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('规则编号,对象,说明,证据');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes per RFC 4180 and round-trips, evidence as JSON', () => {
    const text = formatHitsCsv(hits);
    expect(text).toContain('"[{""kind"":""staffing""');
    const back = parseHitsCsv(text);
    expect(back).toEqual(hits.map((h) => ({ rule: h.rule, subject: h.subject, reason: h.reason, evidence: h.evidence })));
  });

  it('writes the same bytes to a file and to a stream', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hits-')), 'hits.csv');
    await writeHitsCsv(hits, file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(formatHitsCsv(hits));

    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await writeHitsCsv(hits, stream);
    stream.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(formatHitsCsv(hits));
  });

  it('reads expected-hits files (rule,subject) with or without BOM, LF or CRLF', () => {
    expect(parseHitsCsv('\ufeffrule,subject\r\nR01,X1\r\nR11,KSX00\r\n')).toEqual([
      { rule: 'R01', subject: 'X1' },
      { rule: 'R11', subject: 'KSX00' },
    ]);
    expect(parseHitsCsv('rule,subject\nR01,"川建安C2(2022)9000744"\n\n')).toEqual([{ rule: 'R01', subject: '川建安C2(2022)9000744' }]);
  });

  it('parses quoted fields with embedded quotes, commas and newlines', () => {
    expect(parseCsv('a,"b ""q"", c","d\r\ne"\r\n1,2,3')).toEqual([
      ['a', 'b "q", c', 'd\r\ne'],
      ['1', '2', '3'],
    ]);
  });
});
