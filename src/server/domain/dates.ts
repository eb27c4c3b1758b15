// Dates, date-times and year-months in every form the contract accepts (§1), as ISO strings.
// Calendar days are China Standard Time days; no time-zone arithmetic is ever applied to them.

import { daysInMonth } from './resident-id.js';
import { foldWidth } from './normalise.js';

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

// Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 is accounted for.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An Excel serial number (days since 1899-12-30, fraction = time of day) as `YYYY-MM-DD HH:MM:SS`. */
export function excelSerialToDateTime(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const ms = Math.round((serial * DAY_MS) / 1000) * 1000 + EXCEL_EPOCH_MS;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A JS Date from a spreadsheet cell: spreadsheet readers put the wall-clock value in UTC fields. */
export function cellDateToDateTime(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  // Round to the second: Excel stores times as binary fractions of a day.
  return new Date(Math.round(t / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

const DATE_PART =
  /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))/;
const TIME_PART = /^(?:[ T]+|日\s*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:\.\d+)?$/;

interface Parsed {
  date: string;
  time: string | null; // HH:MM:SS
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDateTimeText(raw: string): Parsed | null {
  // Fast path: the ISO form most exports use.
  if (raw.length === 10) {
    const iso = ISO_DAY.exec(raw);
    if (iso) {
      const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      return date ? { date, time: null } : null;
    }
  }
  const s = foldWidth(raw).trim();
  if (s === '') return null;
  // Excel serial numbers in CSV: at most 7 digits before an optional fraction (8 digits is YYYYMMDD).
  if (/^\d{1,7}(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s)) {
    const dt = excelSerialToDateTime(Number(s));
    if (!dt) return null;
    return { date: dt.slice(0, 10), time: s.includes('.') ? dt.slice(11) : null };
  }
  const m = DATE_PART.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4] ?? m[6]);
  const d = Number(m[3] ?? m[5] ?? m[7]);
  const date = isoDate(y, mo, d);
  if (!date) return null;
  const rest = s.slice(m[0].length);
  if (rest.trim() === '') return { date, time: null };
  const t = TIME_PART.exec(rest);
  if (!t) return null;
  const hh = Number(t[1]);
  const mm = Number(t[2]);
  const ss = Number(t[3] ?? 0);
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return { date, time: `${pad2(hh)}:${pad2(mm)}:${pad2(ss)}` };
}

export type CellValue = string | number | boolean | Date | null | undefined;

function parseCell(v: CellValue): Parsed | null {
  if (v instanceof Date) {
    const dt = cellDateToDateTime(v);
    return dt ? { date: dt.slice(0, 10), time: dt.slice(11) } : null;
  }
  if (typeof v === 'number') {
    const dt = excelSerialToDateTime(v);
    return dt ? { date: dt.slice(0, 10), time: Number.isInteger(v) ? null : dt.slice(11) } : null;
  }
  if (typeof v === 'string') return parseDateTimeText(v);
  return null;
}

/** A calendar date `YYYY-MM-DD`, or null when the value is no date. A time of day, if any, must be midnight-free of meaning and is dropped. */
export function parseDate(v: CellValue): string | null {
  const p = parseCell(v);
  return p ? p.date : null;
}

/** A date-time `YYYY-MM-DD HH:MM:SS`; a bare date means its midnight. */
export function parseDateTime(v: CellValue): string | null {
  const p = parseCell(v);
  return p ? `${p.date} ${p.time ?? '00:00:00'}` : null;
}

/** A year-month `YYYY-MM` from `2024-03`, `2024/3`, `202403`, `2024年3月`, or any full date. */
export function parseYearMonth(v: CellValue): string | null {
  if (typeof v === 'string') {
    const s = foldWidth(v).trim();
    const m = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月?|(\d{2}))$/.exec(s);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2] ?? m[3] ?? m[4]);
      return y >= 1800 && y <= 2999 && mo >= 1 && mo <= 12 ? `${y}-${pad2(mo)}` : null;
    }
  }
  const d = parseDate(v);
  return d ? d.slice(0, 7) : null;
}

// ---- calendar arithmetic on ISO days (pure, no time zones) ----

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(isoDay: string): number {
  return Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(isoDay: string, n: number): string {
  return dayFromNumber(dayNumber(isoDay) + n);
}

/** Minutes since 1970-01-01 00:00 for an ISO date-time (wall clock, CST). */
export function minuteNumber(isoDateTime: string): number {
  const d = dayNumber(isoDateTime.slice(0, 10));
  const hh = Number(isoDateTime.slice(11, 13) || 0);
  const mm = Number(isoDateTime.slice(14, 16) || 0);
  const ss = Number(isoDateTime.slice(17, 19) || 0);
  return d * 1440 + hh * 60 + mm + ss / 60;
}

/** Year-month `YYYY-MM` shifted by n months. */
export function addMonths(yearMonth: string, n: number): string {
  const total = Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad2((total % 12) + 1)}`;
}

/** Today in China Standard Time (UTC+8), as `YYYY-MM-DD`. */
export function todayCst(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isoDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))) !== null;
}
