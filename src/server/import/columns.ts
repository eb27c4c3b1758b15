// Column parsers: each turns a raw cell into a normalised value or a Chinese reason for rejecting the row.

import { parseCertStatus, CERT_CATEGORIES, TRAINING_CATEGORIES, LICENCE_STATUSES, STAFF_ROLES } from '../domain/certificates.js';
import { parseDate, parseDateTime, parseYearMonth, type CellValue } from '../domain/dates.js';
import { foldWidth, normCode, normLicenceNo, normName, normText, normUpperCode } from '../domain/normalise.js';

export type Value = string | number | boolean | null;
export type Parsed = { ok: true; value: Value } | { ok: false; reason: string };

const ok = (value: Value): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

/** A cell as text, or '' when empty. Numbers keep their digits (Excel may store codes as numbers). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.toISOString();
}

export type ColumnType =
  | 'code' // numbers and codes: spaces removed
  | 'upper' // ID numbers, credit codes: spaces removed, upper-cased
  | 'name' // person names
  | 'text' // free text
  | 'licence' // safety production licence number
  | 'region' // 6-digit division code
  | 'date'
  | 'datetime'
  | 'month'
  | 'hours'
  | 'score'
  | 'passed'
  | 'cert_category'
  | 'training_category'
  | 'operation'
  | 'cert_status'
  | 'licence_status'
  | 'role';

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
}

const PASSED_YES = new Set(['是', '合格', 'Y', 'YES', '1', 'TRUE', '通过']);
const PASSED_NO = new Set(['否', '不合格', 'N', 'NO', '0', 'FALSE', '未通过']);

function parseNumber(s: string): number | null {
  const t = foldWidth(s).replace(/[\s,]/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** Parse one present (non-empty) cell by the column's type. */
export function parseCell(type: ColumnType, v: CellValue): Parsed {
  const raw = cellText(v);
  switch (type) {
    case 'code':
      return ok(normCode(raw));
    case 'upper':
      return ok(normUpperCode(raw));
    case 'name':
      return ok(normName(raw));
    case 'text':
      return ok(normText(raw));
    case 'licence':
      return ok(normLicenceNo(raw));
    case 'region': {
      const s = normCode(raw);
      return /^\d{6}$/.test(s) ? ok(s) : bad(`区划代码应为6位数字，实际为“${s}”`);
    }
    case 'date': {
      const d = parseDate(v);
      return d ? ok(d) : bad(`无法识别的日期“${raw.trim()}”`);
    }
    case 'datetime': {
      const d = parseDateTime(v);
      return d ? ok(d) : bad(`无法识别的时间“${raw.trim()}”`);
    }
    case 'month': {
      const d = parseYearMonth(v);
      return d ? ok(d) : bad(`无法识别的年月“${raw.trim()}”`);
    }
    case 'hours': {
      const n = typeof v === 'number' ? v : parseNumber(raw);
      return n !== null && Number.isFinite(n) && n >= 0 && n <= 10_000 ? ok(n) : bad(`学时应为非负数，实际为“${raw.trim()}”`);
    }
    case 'score': {
      const n = typeof v === 'number' ? v : parseNumber(raw);
      return n !== null && n >= 0 && n <= 100 ? ok(n) : bad(`成绩应为0-100的数，实际为“${raw.trim()}”`);
    }
    case 'passed': {
      if (typeof v === 'boolean') return ok(v);
      const s = normUpperCode(raw);
      if (PASSED_YES.has(s)) return ok(true);
      if (PASSED_NO.has(s)) return ok(false);
      return bad(`是否合格应为 是/否、合格/不合格、Y/N、1/0 或 true/false，实际为“${raw.trim()}”`);
    }
    case 'cert_category': {
      const s = normUpperCode(raw);
      return (CERT_CATEGORIES as readonly string[]).includes(s) ? ok(s) : bad(`未知的证书类别“${raw.trim()}”（应为 A、B、C1、C2、C3 或 TZ）`);
    }
    case 'training_category': {
      const s = normUpperCode(raw);
      return (TRAINING_CATEGORIES as readonly string[]).includes(s) ? ok(s) : bad(`未知的培训类别“${raw.trim()}”（应为 A、B、C1、C2、C3、TZ 或 JX）`);
    }
    case 'operation': {
      const s = normCode(raw);
      return /^\d{1,2}$/.test(s) ? ok(s.padStart(2, '0')) : bad(`操作类别代码应为2位数字，实际为“${s}”`);
    }
    case 'cert_status': {
      const st = parseCertStatus(normCode(raw));
      return st ? ok(st) : bad(`未知的证书状态“${raw.trim()}”（应为 有效/暂扣/撤销/注销/失效/办理转出/吊销 或代码 01-07）`);
    }
    case 'licence_status': {
      const s = normCode(raw);
      return (LICENCE_STATUSES as readonly string[]).includes(s) ? ok(s) : bad(`未知的许可证状态“${s}”（应为 有效/暂扣/吊销/注销/失效）`);
    }
    case 'role': {
      const s = normCode(raw);
      return (STAFF_ROLES as readonly string[]).includes(s) ? ok(s) : bad(`未知的岗位“${s}”（应为 项目负责人/专职安全员/特种作业/主要负责人）`);
    }
  }
}

/** True when a cell holds nothing (absent value). */
export function isEmptyCell(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  // String.prototype.trim also removes the ideographic space U+3000.
  if (typeof v === 'string') return v.length === 0 || v.trim().length === 0;
  return false;
}
