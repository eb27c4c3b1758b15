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
