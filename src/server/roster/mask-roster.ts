// A roster check as an official sees an enterprise's roster: names and ID numbers masked in the
// original columns, the parsed values and the notes. Pure.

import type { CellValue } from '../domain/dates.js';
import { maskIdNo, maskName, maskText } from '../domain/masking.js';
import { mapRosterHeader, type RosterCheck } from './check-roster.js';

const text = (v: CellValue) => (v === null || v === undefined ? '' : String(v));

export function maskRosterCheck(check: RosterCheck): RosterCheck {
  const { indexOf } = mapRosterHeader(check.header);
  return {
    ...check,
    rows: check.rows.map((r) => {
      const cells = [...r.cells];
      if (indexOf.name >= 0 && text(cells[indexOf.name])) cells[indexOf.name] = maskName(text(cells[indexOf.name]));
      if (indexOf.idNo >= 0 && text(cells[indexOf.idNo])) cells[indexOf.idNo] = maskIdNo(text(cells[indexOf.idNo]));
      const note = maskText(r.note, [r.values.name]).replace(/登记为“([^”]+)”/g, (_m, n: string) => `登记为“${maskName(n)}”`);
      return { ...r, cells, note, values: { ...r.values, name: maskName(r.values.name), idNo: maskIdNo(r.values.idNo) } };
    }),
  };
}
