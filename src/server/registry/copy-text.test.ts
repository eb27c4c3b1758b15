// The COPY text reader of the PostgreSQL screening loader: numbers equal to what the pg driver's
// parseFloat gives, NULLs, escapes and UTF-8 in strings, rows split anywhere across chunks, and rows
// whose shape does not match the query refused.

import { describe, expect, it } from 'vitest';
import { CopyTextReader } from './copy-text.js';

function readAll(kinds: string, chunks: Buffer[]): unknown[][] {
  const rows: unknown[][] = [];
  const reader = new CopyTextReader(kinds, (key, v) => rows.push([key, ...v.slice(1)]));
  for (const c of chunks) reader.push(c);
  reader.end();
  return rows;
}

const TEXT = [
  '(0,1)\t510104199001011234\t19358\t\\N\t1700000000.25\n',
  '(12,65535)\t\\N\t-3\t0\t2.5\n',
  '(4294967,7)\tJZ川A（2021）\\\\001\\t号\t\\N\t1\t7.3333335\n',
  '(1,2)\t\t123456789012345678\t1e-7\tNaN\n',
].join('');

const EXPECTED = [
  [0 * 65536 + 1, '510104199001011234', 19358, null, 1700000000.25],
  [12 * 65536 + 65535, null, -3, 0, 2.5],
  [4294967 * 65536 + 7, 'JZ川A（2021）\\001\t号', null, 1, 7.3333335],
  [65538, '', 123456789012345678, 1e-7, Number.NaN],
];

describe('CopyTextReader', () => {
  it('reads ctids, numbers, NULLs, empty strings, escapes and UTF-8', () => {
    expect(readAll('snnn', [Buffer.from(TEXT)])).toEqual(EXPECTED);
  });

  it('gives the same rows however the bytes are split into chunks', () => {
    const bytes = Buffer.from(TEXT);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(readAll('snnn', [bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(EXPECTED);
    }
    expect(readAll('snnn', Array.from(bytes, (b) => Buffer.from([b])))).toEqual(EXPECTED);
  });

  it('parses decimals exactly as parseFloat does', () => {
    const samples = ['0.1', '0.3', '1.0000001', '123456.789012', '99999999999999.9', '-0.000123', '1699999999.999', '3.1415927', '8'];
    const rows = readAll('n', [Buffer.from(samples.map((s, i) => `(0,${i})\t${s}\n`).join(''))]);
    expect(rows.map((r) => r[1])).toEqual(samples.map((s) => Number.parseFloat(s)));
  });

  it('refuses rows with more or fewer fields than the query, and data cut inside a row', () => {
    expect(() => readAll('sn', [Buffer.from('(0,1)\ta\n')])).toThrow('字段数与查询不符');
    expect(() => readAll('s', [Buffer.from('(0,1)\ta\t2\n')])).toThrow('字段数与查询不符');
    expect(() => readAll('s', [Buffer.from('a\n')])).toThrow('ctid');
    expect(() => readAll('s', [Buffer.from('(0,1)\ta')])).toThrow('最后一行没有结束');
  });
});
