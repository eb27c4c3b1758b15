// Masking for public answers: enough to recognise one's own certificate, too little to harvest.
// Names keep their first and last character (张*三; two-character names 张*); ID numbers keep the first
// three and the last four characters (510***********1234). Pure functions, no I/O.

const MIDDLE_DOT = '\u00b7';

/** A person's name with every character but the first and the last replaced by `*` (the middle dot of minority names is kept). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return chars[0] + '*';
  const last = chars.length - 1;
  return chars.map((c, i) => (i === 0 || i === last || c === MIDDLE_DOT ? c : '*')).join('');
}

/** An ID number with the first three and the last four characters shown; short values are masked whole. */
export function maskIdNo(idNo: string): string {
  const s = idNo.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** A resident ID number (GB 11643, 18 characters) standing on its own in a text. */
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * Free text (a screening reason, a rejection message) with every resident ID number masked and every
 * given name masked wherever it occurs. Names come from the rows the text was written from.
 */
export function maskText(text: string, names: Iterable<string> = []): string {
  let out = text.replace(ID_IN_TEXT, (id) => maskIdNo(id));
  const sorted = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of sorted) out = out.split(name).join(maskName(name));
  return out;
}

/** Fields of a record that hold a person's name or ID number. */
const NAME_FIELDS = new Set(['name', 'holder_name', 'person_name']);
const ID_FIELDS = new Set(['id_no', 'idNo', 'holder_id_no']);

/** The names a record carries (to mask them in texts written from it). */
export function namesIn(row: Record<string, unknown>): string[] {
  return Object.entries(row).flatMap(([k, v]) => (NAME_FIELDS.has(k) && typeof v === 'string' ? [v] : []));
}

/** A record (an evidence row, say) with its name and ID fields masked and ID numbers in other texts masked. */
export function maskRecord<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v !== 'string') out[k] = v;
    else if (NAME_FIELDS.has(k)) out[k] = maskName(v);
    else if (ID_FIELDS.has(k)) out[k] = maskIdNo(v);
    else out[k] = v.replace(ID_IN_TEXT, (id) => maskIdNo(id));
  }
  return out as T;
}
