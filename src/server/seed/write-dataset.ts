// Writes the generator's stream into a dataset folder in the data-exchange contract's format (§1-2):
// one file per kind, Chinese headers, plus injected.csv / near-misses.csv beside them. Every file is
// written incrementally, so memory stays flat at province scale. With `messy`, the files look like real
// exports: GBK and BOM'd CSV, XLSX with real date cells, mixed date styles, full-width characters,
// lower-case x, spaces in names, national state codes and, in one file, the English header keys.
// Without `messy` the values are plain (ISO dates, labels, half-width) in UTF-8 CSV, except the two
// kinds departments usually send as spreadsheets.

import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CERT_STATUSES } from '../domain/certificates.js';
import { KIND_NAMES, type KindName } from '../domain/records.js';
import { DEFAULT_SEED, generate, type GenerateOptions, type GenerateResult, personsFor } from './generate.js';
import { hash32, Rng } from './prng.js';
import type { Finding, KindRecordMap } from './world.js';

export interface WriteOptions {
  messy: boolean;
}

export interface WriteResult extends GenerateResult {
  /** The files written, by kind. */
  files: Partial<Record<KindName, string>>;
}

type ValueType = 'text' | 'code' | 'id' | 'name' | 'date' | 'datetime' | 'month' | 'number' | 'status' | 'bool' | 'licence';
interface Column {
  header: string;
  key: string;
  type: ValueType;
}
const c = (header: string, key: string, type: ValueType): Column => ({ header, key, type });

const CERT_COLUMNS: Column[] = [
  c('证书编号', 'cert_no', 'code'),
  c('证书类别', 'category', 'text'),
  c('操作类别代码', 'operation', 'text'),
  c('姓名', 'name', 'name'),
  c('身份证号', 'id_no', 'id'),
  c('聘用单位统一社会信用代码', 'employer_uscc', 'code'),
  c('发证机关', 'issuer', 'text'),
  c('发证日期', 'issued', 'date'),
  c('有效期至', 'expires', 'date'),
  c('证书状态', 'status', 'status'),
];

export const COLUMNS: Record<KindName, Column[]> = {
  enterprises: [
    c('统一社会信用代码', 'uscc', 'code'),
    c('企业名称', 'name', 'text'),
    c('所在地区划代码', 'region', 'code'),
    c('安全生产许可证编号', 'license_no', 'licence'),
    c('许可证有效期至', 'license_expires', 'date'),
    c('许可证状态', 'license_status', 'text'),
  ],
  certificates: CERT_COLUMNS,
  external_certificates: [c('来源部门', 'source', 'text'), ...CERT_COLUMNS],
  staffing: [
    c('项目编号', 'project_no', 'code'),
    c('项目名称', 'project_name', 'text'),
    c('项目区划代码', 'project_region', 'code'),
    c('施工单位统一社会信用代码', 'contractor_uscc', 'code'),
    c('岗位', 'role', 'text'),
    c('姓名', 'name', 'name'),
    c('身份证号', 'id_no', 'id'),
    c('证书编号', 'cert_no', 'code'),
    c('进场日期', 'start', 'date'),
    c('离场日期', 'end', 'date'),
  ],
  social_insurance: [
    c('身份证号', 'id_no', 'id'),
    c('姓名', 'name', 'name'),
    c('参保单位统一社会信用代码', 'employer_uscc', 'code'),
    c('缴费年月', 'month', 'month'),
  ],
  changes: [
    c('证书编号', 'cert_no', 'code'),
    c('身份证号', 'id_no', 'id'),
    c('原聘用单位信用代码', 'from_uscc', 'code'),
    c('新聘用单位信用代码', 'to_uscc', 'code'),
    c('变更日期', 'date', 'date'),
  ],
  training: [
    c('培训机构信用代码', 'institution_uscc', 'code'),
    c('班级编号', 'class_no', 'code'),
    c('身份证号', 'id_no', 'id'),
    c('姓名', 'name', 'name'),
    c('培训类别', 'category', 'text'),
    c('开始时间', 'start', 'datetime'),
    c('结束时间', 'end', 'datetime'),
    c('学时', 'hours', 'number'),
  ],
  exams: [
    c('考试机构信用代码', 'institution_uscc', 'code'),
    c('考点编号', 'site_no', 'code'),
    c('场次编号', 'sitting_no', 'code'),
    c('身份证号', 'id_no', 'id'),
    c('姓名', 'name', 'name'),
    c('考试类别', 'category', 'text'),
    c('开考时间', 'start', 'datetime'),
    c('交卷时间', 'submitted', 'datetime'),
    c('成绩', 'score', 'number'),
    c('是否合格', 'passed', 'bool'),
    c('答卷指纹', 'answers_hash', 'code'),
  ],
};

type Format = { type: 'csv'; encoding: 'utf8' | 'utf8bom' | 'gbk'; englishHeaders?: boolean } | { type: 'xlsx' };

// XLSX holds 1,048,576 rows a sheet and the contract reads the first sheet only: big kinds stay CSV.
const XLSX_MAX_ROWS = 1_000_000;

function formatsFor(messy: boolean, persons: number): Record<KindName, Format> {
  const staffingFits = persons * 3 < XLSX_MAX_ROWS;
  if (!messy) {
    const csv: Format = { type: 'csv', encoding: 'utf8' };
    return {
      enterprises: csv,
      certificates: csv,
      external_certificates: { type: 'xlsx' },
      staffing: staffingFits ? { type: 'xlsx' } : csv,
      social_insurance: csv,
      changes: csv,
      training: csv,
      exams: csv,
    };
  }
  return {
    enterprises: { type: 'csv', encoding: 'gbk' },
    certificates: { type: 'csv', encoding: 'utf8bom' },
    external_certificates: { type: 'xlsx' },
    staffing: staffingFits ? { type: 'xlsx' } : { type: 'csv', encoding: 'gbk' },
    social_insurance: { type: 'csv', encoding: 'utf8', englishHeaders: true },
    changes: { type: 'csv', encoding: 'gbk' },
    training: { type: 'csv', encoding: 'utf8' },
    exams: { type: 'csv', encoding: 'utf8bom' },
  };
}

// ---- messy value styles ----

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function excelSerial(isoDateTime: string): number {
  const ms = Date.UTC(
    Number(isoDateTime.slice(0, 4)),
    Number(isoDateTime.slice(5, 7)) - 1,
    Number(isoDateTime.slice(8, 10)),
    Number(isoDateTime.slice(11, 13) || 0),
    Number(isoDateTime.slice(14, 16) || 0),
    Number(isoDateTime.slice(17, 19) || 0),
  );
  return (ms - EXCEL_EPOCH) / 86_400_000;
}

/** A JS Date whose UTC fields are the wall-clock value: what spreadsheet readers give back. */
function cellDate(isoDateTime: string): Date {
  return new Date(excelSerial(isoDateTime) * 86_400_000 + EXCEL_EPOCH);
}

function dateText(day: string, style: number, allowSerial: boolean): string | number {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  switch (style) {
    case 1: return `${y}/${m}/${d}`;
    case 2: return `${y}.${m}.${d}`;
    case 3: return day.replaceAll('-', '');
    case 4: return `${y}年${m}月${d}日`;
    case 5: return allowSerial ? String(excelSerial(day)) : day;
    default: return day;
  }
}

function dateTimeText(dt: string, style: number, allowSerial: boolean): string {
  const day = dt.slice(0, 10);
  const time = dt.slice(11, 19);
  const short = time.endsWith(':00') && style % 2 === 1 ? time.slice(0, 5) : time;
  switch (style) {
    case 1: case 2: return `${dateText(day, 1, false)} ${short}`;
    case 3: return `${day} ${short}`;
    case 4: return `${dateText(day, 4, false)} ${short}`;
    case 5: return allowSerial ? excelSerial(dt).toFixed(8) : dt;
    default: return dt;
  }
}

function monthText(month: string, style: number): string {
  const y = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  switch (style) {
    case 1: return `${y}/${m}`;
    case 2: return month.replace('-', '');
    case 3: return `${y}年${m}月`;
    default: return month;
  }
}

/** ASCII to full width (`012()` → `０１２（）`), as some exports do. */
function fullWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    out += code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : ch;
  }
  return out;
}

const LICENCE_BRACKETS: Array<[string, string, string, string]> = [
  ['(', ')', '[', ']'],
  ['（', '）', '〔', '〕'],
  ['【', '】', '[', ']'],
  ['(', ')', '(', ')'],
];
const PASSED_STYLES: Array<[string, string]> = [['是', '否'], ['合格', '不合格'], ['Y', 'N'], ['1', '0'], ['true', 'false']];
const DOTS = ['·', '•', '．'];

type Cell = string | number | boolean | Date | null;

/** One record's cells for one file: clean values as they are, messy ones in the styles real exports use. */
function cells(columns: Column[], record: Record<string, unknown>, messy: boolean, xlsx: boolean, rng: Rng): Cell[] {
  const rowStyle = rng.int(0, 5);
  return columns.map((col) => {
    const v = record[col.key];
    if (v === null || v === undefined || v === '') return null;
    if (col.type === 'bool') {
      const pair = messy ? PASSED_STYLES[rowStyle % PASSED_STYLES.length]! : PASSED_STYLES[0]!;
      return v ? pair[0] : pair[1];
    }
    if (col.type === 'number') return messy && !xlsx && rng.chance(0.1) ? ` ${v}` : (v as number);
    const s = String(v);
    if (!messy) {
      if (xlsx && (col.type === 'date' || col.type === 'datetime')) return cellDate(s);
      return s;
    }
    switch (col.type) {
      case 'date':
        if (xlsx && rowStyle < 3) return cellDate(s);
        return dateText(s, rowStyle, !xlsx);
      case 'datetime':
        if (xlsx && rowStyle < 3) return cellDate(s);
        return dateTimeText(s, rowStyle, !xlsx);
      case 'month':
        return monthText(s, rowStyle % 4);
      case 'status': {
        if (rng.chance(0.3)) return CERT_STATUSES.find((x) => x.label === s)?.code ?? s;
        return s;
      }
      case 'id': {
        let id = s.endsWith('X') && rng.chance(0.5) ? s.slice(0, 17) + 'x' : s;
        if (rng.chance(0.03)) id = ` ${id} `;
        if (rng.chance(0.02)) id = fullWidth(id);
        return id;
      }
      case 'code':
        if (col.key === 'cert_no' && rng.chance(0.06)) return fullWidth(s);
        if (rng.chance(0.02)) return ` ${s}`;
        return s;
      case 'licence': {
        const [a, b, y1, y2] = LICENCE_BRACKETS[rowStyle % LICENCE_BRACKETS.length]!;
        return s.replace('(', a).replace(')', b).replace('[', y1).replace(']', y2);
      }
      case 'name': {
        if (s.includes('·')) return s.replace('·', rng.pick(DOTS));
        if (rng.chance(0.04)) return [...s].join(' ');
        if (rng.chance(0.02)) return ` ${s} `;
        return s;
      }
      default:
        return s;
    }
  });
}

function csvField(v: Cell): string {
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// ---- streaming file writers ----

interface KindWriter {
  row(cells: Cell[]): void | Promise<void>;
  close(): Promise<void>;
}

class CsvWriter implements KindWriter {
  private buffer: string[] = [];
  private size = 0;
  private readonly out: WriteStream;

  constructor(
    path: string,
    private readonly encoding: 'utf8' | 'utf8bom' | 'gbk',
    header: string[],
  ) {
    this.out = createWriteStream(path);
    if (encoding === 'utf8bom') this.out.write('\ufeff');
    this.buffer.push(header.map(csvField).join(',') + '\r\n');
  }

  row(cells: Cell[]): void | Promise<void> {
    const line = cells.map(csvField).join(',') + '\r\n';
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 1 << 16) return this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    const ok = this.out.write(this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
    if (!ok) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

class XlsxWriter implements KindWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private rows = 0;

  constructor(path: string, columns: Column[], sheetName: string) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.columns = columns.map((col) => ({
      header: col.header,
      key: col.key,
      width: col.type === 'text' ? 30 : 20,
      style: col.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : col.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
    }));
  }

  row(cells: Cell[]): void | Promise<void> {
    this.sheet.addRow(cells).commit();
    // Let the zip stream drain now and then.
    if (++this.rows % 5000 === 0) return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}

const ENGLISH = (columns: Column[]) => columns.map((col) => col.key);

/**
 * Streams the generated dataset into `dir` (created if missing). Returns the generator's result and the
 * files written; `injected.csv` and `near-misses.csv` (rule,subject,note; UTF-8 with BOM) sit beside them.
 */
export async function writeDatasetFolder(dir: string, generatorOptions: GenerateOptions, options: WriteOptions): Promise<WriteResult> {
  mkdirSync(dir, { recursive: true });
  // A kind written earlier in another format would be read alongside the new file.
  for (const kind of KIND_NAMES) for (const ext of ['csv', 'xlsx']) rmSync(join(dir, `${kind}.${ext}`), { force: true });
  const formats = formatsFor(options.messy, personsFor(generatorOptions.scale));
  const writers = new Map<KindName, KindWriter>();
  const files: Partial<Record<KindName, string>> = {};
  const rng = new Rng((generatorOptions.seed ?? DEFAULT_SEED) ^ hash32('messy'), 'messy');

  const writerFor = (kind: KindName): KindWriter => {
    let w = writers.get(kind);
    if (w) return w;
    const format = formats[kind];
    const columns = COLUMNS[kind];
    const file = `${kind}.${format.type}`;
    const path = join(dir, file);
    files[kind] = file;
    w =
      format.type === 'xlsx'
        ? new XlsxWriter(path, columns, kind)
        : new CsvWriter(path, format.encoding, format.englishHeaders ? ENGLISH(columns) : columns.map((x) => x.header));
    writers.set(kind, w);
    return w;
  };

  const result = await generate(generatorOptions, <K extends KindName>(kind: K, record: KindRecordMap[K]) => {
    const format = formats[kind];
    return writerFor(kind).row(cells(COLUMNS[kind], record as unknown as Record<string, unknown>, options.messy, format.type === 'xlsx', rng));
  });
  for (const w of writers.values()) await w.close();
  await writeFindings(join(dir, 'injected.csv'), result.injected);
  await writeFindings(join(dir, 'near-misses.csv'), result.nearMisses);
  return { ...result, files };
}

async function writeFindings(path: string, findings: Finding[]): Promise<void> {
  const w = new CsvWriter(path, 'utf8bom', ['rule', 'subject', 'note']);
  for (const f of findings) await w.row([f.rule, f.subject, f.note]);
  await w.close();
}
