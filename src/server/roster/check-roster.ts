// checkRoster: read an enterprise's roster (Excel or CSV), give every row a verdict against the
// registry. Original cells are kept for the result workbook.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CellValue } from '../domain/dates.js';
import { normCode, normHeader, normName, normUpperCode } from '../domain/normalise.js';
import { AppError } from '../http/errors.js';
import { cellText, isEmptyCell } from '../import/columns.js';
import { readRows, type FileFormat } from '../import/read-rows.js';
import { registeredByNumbers } from './roster.repository.js';
import { rosterVerdict, ROSTER_VERDICTS, type RosterRow, type RosterVerdict } from './roster-verdict.js';

type Field = keyof RosterRow;

/** Headers (after trimming and width folding) a roster may use for each field; the first is the official one. */
const HEADERS: Record<Field, string[]> = {
  name: ['姓名', 'name', '持证人姓名', '人员姓名'],
  idNo: ['身份证号', 'id_no', '身份证号码', '证件号码', '公民身份号码'],
  certNo: ['证书编号', 'cert_no', '证书号', '证书号码'],
  category: ['证书类别', 'category', '类别'],
  role: ['岗位', 'role', '职务'],
  employerUscc: ['聘用单位统一社会信用代码', 'employer_uscc', '聘用单位信用代码', '统一社会信用代码'],
};
const REQUIRED: Field[] = ['name', 'idNo', 'certNo'];

export interface CheckedRow {
  rowNumber: number;
  cells: CellValue[];
  values: RosterRow;
  verdict: RosterVerdict;
  note: string;
}

export interface RosterCheck {
  header: string[];
  rows: CheckedRow[];
  summary: Record<RosterVerdict, number>;
}

function text(v: CellValue): string {
  return isEmptyCell(v) ? '' : cellText(v);
}

export function mapRosterHeader(cells: CellValue[]): { indexOf: Record<Field, number>; missing: string[] } {
  const normalised = cells.map((c) => normHeader(text(c)));
  const indexOf = {} as Record<Field, number>;
  const missing: string[] = [];
  for (const field of Object.keys(HEADERS) as Field[]) {
    const candidates = HEADERS[field].map((h) => normHeader(h));
    indexOf[field] = normalised.findIndex((h) => candidates.includes(h));
    if (indexOf[field] < 0 && REQUIRED.includes(field)) missing.push(HEADERS[field][0]!);
  }
  return { indexOf, missing };
}

export async function checkRoster(db: Kysely<Database>, options: { path: string; format: FileFormat; today: string; maxRows?: number }): Promise<RosterCheck> {
  const maxRows = options.maxRows ?? 100_000;
  let header: string[] | null = null;
  let indexOf: Record<Field, number> | null = null;
  const pending: Array<{ rowNumber: number; cells: CellValue[]; values: RosterRow; error?: string }> = [];
  for await (const batch of readRows(options.path, options.format)) {
    for (const raw of batch) {
      if (raw.cells.every(isEmptyCell)) continue;
      if (!header) {
        const mapping = mapRosterHeader(raw.cells);
        if (mapping.missing.length) throw new AppError('bad_request', `名册第 ${raw.rowNumber} 行（表头）缺少必需列：${mapping.missing.join('、')}`);
        header = raw.cells.map(text);
        indexOf = mapping.indexOf;
        continue;
      }
      if (pending.length >= maxRows) throw new AppError('payload_too_large', `名册超过 ${maxRows} 行，请分批核验`);
      const get = (f: Field) => (indexOf![f] >= 0 ? text(raw.cells[indexOf![f]]) : '');
      pending.push({
        rowNumber: raw.rowNumber,
        cells: raw.cells,
        values: {
          name: normName(get('name')),
          idNo: normUpperCode(get('idNo')),
          certNo: normCode(get('certNo')),
          category: normUpperCode(get('category')),
          role: normCode(get('role')),
          employerUscc: normUpperCode(get('employerUscc')),
        },
        error: raw.error,
      });
    }
  }
  if (!header) throw new AppError('bad_request', '名册为空或没有表头行（应含 姓名、身份证号、证书编号 列）');
  const registered = await registeredByNumbers(db, pending.map((p) => p.values.certNo));
  const summary = Object.fromEntries(ROSTER_VERDICTS.map((v) => [v, 0])) as Record<RosterVerdict, number>;
  const rows: CheckedRow[] = pending.map((p) => {
    const r = p.error ? { verdict: '格式错误' as const, note: `CSV格式错误：${p.error}` } : rosterVerdict(p.values, registered.get(p.values.certNo) ?? [], options.today);
    summary[r.verdict]++;
    return { rowNumber: p.rowNumber, cells: p.cells, values: p.values, verdict: r.verdict, note: r.note };
  });
  return { header, rows, summary };
}
