import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCertStatus } from '../domain/certificates.js';
import { parseDate, parseDateTime, parseYearMonth } from '../domain/dates.js';
import { normCode, normName, normUpperCode } from '../domain/normalise.js';
import { readDatasetFolder } from '../import/read-dataset.js';
import { screen } from '../screening/engine.js';
import { generateDataset } from './generate.js';
import { writeDatasetFolder } from './write-dataset.js';

const asOf = '2025-06-15';
const options = { scale: 'small' as const, seed: 11, asOf };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'certguard-seed-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** RFC 4180 records of a decoded CSV text (quoted fields may hold commas and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Decodes like the importer must: BOM → UTF-8, valid UTF-8 → UTF-8, else GB18030. */
function decode(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf8bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

describe('writeDatasetFolder', async () => {
  const { dataset, injected } = await generateDataset(options);

  it('writes plain files that read back to exactly the generated records', async () => {
    const dir = tempDir();
    const result = await writeDatasetFolder(dir, options, { messy: false });
    expect(result.injected).toEqual(injected);
    expect(readdirSync(dir).sort()).toEqual(
      ['certificates.csv', 'changes.csv', 'enterprises.csv', 'exams.csv', 'external_certificates.xlsx', 'injected.csv', 'near-misses.csv', 'social_insurance.csv', 'staffing.xlsx', 'training.csv'].sort(),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'staffing.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.actualRowCount - 1).toBe(dataset.staffing.length);
    dataset.staffing.forEach((s, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(7).value).toBe(s.id_no);
      expect(row.getCell(8).value).toBe(s.cert_no);
      expect(parseDate(row.getCell(9).value as Date)).toBe(s.start);
      expect(row.getCell(10).value === null ? null : parseDate(row.getCell(10).value as Date)).toBe(s.end);
    });
    const certs = parseCsv(decode(readFileSync(join(dir, 'certificates.csv'))).text);
    expect(certs[0]).toEqual(['证书编号', '证书类别', '操作类别代码', '姓名', '身份证号', '聘用单位统一社会信用代码', '发证机关', '发证日期', '有效期至', '证书状态']);
    const registry = dataset.certificates.filter((c) => c.source === '');
    expect(certs.length - 1).toBe(registry.length);
    registry.forEach((c, i) => {
      expect(certs[i + 1]).toEqual([c.cert_no, c.category, c.operation ?? '', c.name, c.id_no, c.employer_uscc ?? '', c.issuer ?? '', c.issued, c.expires, c.status]);
    });
    const listed = parseCsv(decode(readFileSync(join(dir, 'injected.csv'))).text);
    expect(listed[0]).toEqual(['rule', 'subject', 'note']);
    expect(listed.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual(injected.map((f) => `${f.rule} ${f.subject}`));
  });

  it('writes messy files that still mean the same records', async () => {
    const dir = tempDir();
    const result = await writeDatasetFolder(dir, options, { messy: true });
    const encodings = new Set<string>();
    for (const kind of ['enterprises', 'certificates', 'social_insurance', 'changes', 'training', 'exams'] as const) {
      const { text, encoding } = decode(readFileSync(join(dir, `${kind}.csv`)));
      encodings.add(encoding);
      expect(parseCsv(text).length - 1, kind).toBe(result.counts[kind]);
    }
    expect(encodings).toEqual(new Set(['utf8', 'utf8bom', 'gb18030']));

    // certificates.csv (UTF-8 with BOM): every value normalises back to the generated one.
    const rows = parseCsv(decode(readFileSync(join(dir, 'certificates.csv'))).text).slice(1);
    const registry = dataset.certificates.filter((c) => c.source === '');
    let codes = 0;
    let fullWidth = 0;
    const dateStyles = new Set<string>();
    rows.forEach((r, i) => {
      const c = registry[i]!;
      expect(normCode(r[0]!)).toBe(c.cert_no);
      expect(normName(r[3]!)).toBe(c.name);
      expect(normUpperCode(r[4]!)).toBe(c.id_no);
      expect(parseDate(r[7]!)).toBe(c.issued);
      expect(parseDate(r[8]!)).toBe(c.expires);
      expect(parseCertStatus(r[9]!)).toBe(c.status);
      if (/^0\d$/.test(r[9]!)) codes++;
      if (r[0] !== c.cert_no) fullWidth++;
      dateStyles.add(r[7]!.replace(/\d/g, '9'));
    });
    expect(codes).toBeGreaterThan(0);
    expect(fullWidth).toBeGreaterThan(0);
    expect(dateStyles.size).toBeGreaterThanOrEqual(5);

    // social_insurance.csv has the English keys, year-months in several styles.
    const si = parseCsv(decode(readFileSync(join(dir, 'social_insurance.csv'))).text);
    expect(si[0]).toEqual(['id_no', 'name', 'employer_uscc', 'month']);
    si.slice(1, 500).forEach((r, i) => expect(parseYearMonth(r[3]!)).toBe(dataset.social_insurance[i]!.month));

    // exams.csv: date-times in every style (Excel serials included) mean the same instant.
    const exams = parseCsv(decode(readFileSync(join(dir, 'exams.csv'))).text).slice(1);
    exams.forEach((r, i) => {
      expect(parseDateTime(r[6]!)).toBe(dataset.exams[i]!.start);
      expect(parseDateTime(r[7]!)).toBe(dataset.exams[i]!.submitted);
    });

    // XLSX with real date cells.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'external_certificates.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '来源部门', '证书编号', '证书类别', '操作类别代码', '姓名', '身份证号', '聘用单位统一社会信用代码', '发证机关', '发证日期', '有效期至', '证书状态']);
    expect(sheet.actualRowCount - 1).toBe(result.counts.external_certificates);
    const external = dataset.certificates.filter((c) => c.source !== '');
    let dateCells = 0;
    for (let i = 2; i <= sheet.actualRowCount; i++) {
      const issued = sheet.getRow(i).getCell(9).value as string | Date;
      if (issued instanceof Date) dateCells++;
      expect(parseDate(issued)).toBe(external[i - 2]!.issued);
    }
    expect(dateCells).toBeGreaterThan(0);
  });

  it.each([false, true])('imports through the real importer (messy %s) and screens to exactly the planted problems', async (messy) => {
    const dir = tempDir();
    await writeDatasetFolder(dir, options, { messy });
    const { dataset: imported, report } = await readDatasetFolder(dir);
    expect(report.files.length).toBe(8);
    for (const f of report.files) expect(f.rejectedCount, String(f.kind)).toBe(0);
    const found = new Set(screen(imported, { asOf }).hits.map((h) => `${h.rule} ${h.subject}`));
    expect([...found].sort()).toEqual([...new Set(injected.map((f) => `${f.rule} ${f.subject}`))].sort());
  });
});
