import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CsvParser, DetectingDecoder, readCsvRows } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));

async function rows(content: Buffer) {
  const p = join(dir, `f${Math.random()}.csv`);
  writeFileSync(p, content);
  const out: Array<{ rowNumber: number; cells: unknown[] }> = [];
  for await (const batch of readCsvRows(p)) for (const r of batch) out.push({ rowNumber: r.rowNumber, cells: r.cells });
  return out;
}

describe('CSV reading', () => {
  const text = '姓名,证书编号\r\n张三,川建安B(2021)1052428\r\n李四,"川建,引号""内"""\r\n';
  it('reads UTF-8 with and without BOM, and GB18030, to the same rows', async () => {
    const expected = [
      { rowNumber: 1, cells: ['姓名', '证书编号'] },
      { rowNumber: 2, cells: ['张三', '川建安B(2021)1052428'] },
      { rowNumber: 3, cells: ['李四', '川建,引号"内"'] },
    ];
    expect(await rows(Buffer.from(text))).toEqual(expected);
    expect(await rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual(expected);
    expect(await rows(iconv.encode(text, 'gbk'))).toEqual(expected);
  });
  it('detects GBK even when the first chunk is pure ASCII', () => {
    const d = new DetectingDecoder();
    const a = d.decode(Buffer.from('id,name\n1,'));
    const b = d.decode(iconv.encode('张三\n', 'gbk'), true);
    expect(a + b).toBe('id,name\n1,张三\n');
    expect(d.encoding).toBe('gb18030');
  });
  it('keeps quoted newlines and counts lines', async () => {
    const r = await rows(Buffer.from('a,b\n"x\ny",2\n3,4'));
    expect(r).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['x\ny', '2'] },
      { rowNumber: 4, cells: ['3', '4'] },
    ]);
  });
  it('parses records split across chunks', () => {
    const p = new CsvParser();
    const out = [...p.push('a,"b\n'), ...p.push('c",d\ne,f'), ...p.push('', true)];
    expect(out.map((r) => r.cells)).toEqual([['a', 'b\nc', 'd'], ['e', 'f']]);
  });
  it('flags an unclosed quote', () => {
    const p = new CsvParser();
    const out = [...p.push('a,"b\n'), ...p.push('', true)];
    expect(out[0]!.error).toBe('引号未闭合');
  });
});
