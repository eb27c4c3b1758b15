// Value normalisation of data-exchange contract §1: forgiving about form, strict about meaning.

/** Full-width ASCII (U+FF01-FF5E) and the ideographic space to their half-width forms. */
const HAS_WIDE = /[\uff01-\uff5e\u3000]/;

export function foldWidth(s: string): string {
  if (!HAS_WIDE.test(s)) return s;
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

const WHITESPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** Plain text (company names, project names, issuers): width-folded and trimmed. */
export function normText(raw: string): string {
  return foldWidth(raw).replace(/\u00a0/g, ' ').trim();
}

/** Numbers and codes (certificate numbers, credit codes, class and sitting numbers): no spaces at all. */
const NEEDS_CODE_WORK = /[\s\u3000\u00a0\u200b\ufeff\uff01-\uff5e]/;

export function normCode(raw: string): string {
  return NEEDS_CODE_WORK.test(raw) ? foldWidth(raw).replace(WHITESPACE, '') : raw;
}

/** Codes whose alphabet is upper case by definition: resident IDs (x → X), credit codes. */
const HAS_LOWER = /[a-z]/;

export function normUpperCode(raw: string): string {
  const s = normCode(raw);
  return HAS_LOWER.test(s) ? s.toUpperCase() : s;
}

// The middle-dot variants seen in minority names (吉克·阿日, 次仁•卓玛, 扎西．多吉).
const NAME_DOTS = /[\u00b7\u2022\u2027\u30fb\uff0e\uff65\u2219.]/g;

/** Anything normName would change: a dot variant (or a `·` already folded), a space, a full-width form. */
const NEEDS_NAME_WORK = /[\u00b7\u2022\u2027\u30fb\uff0e\uff65\u2219.\s\u3000\u00a0\u200b\ufeff\uff01-\uff5e]/;

/** Person names keep their characters but lose every space; middle-dot variants fold to `·`. */
export function normName(raw: string): string {
  // Most names need nothing (one scan instead of three: names are normalised on every public query).
  if (!NEEDS_NAME_WORK.test(raw)) return raw;
  return foldWidth(raw.replace(NAME_DOTS, '\u00b7')).replace(WHITESPACE, '');
}

/** Header cells: trimmed, width-folded, internal spaces removed, English keys lower-cased. */
export function normHeader(raw: string): string {
  return normCode(raw).toLowerCase();
}

/**
 * Safety production licence numbers: `(川)JZ安许证字[2023]007346` whatever bracket style the export used
 * (（） () [] 【】 〔〕). The first bracket pair holds the province, the second the year.
 */
export function normLicenceNo(raw: string): string {
  const s = normCode(raw).replace(/[【〔\[]/g, '(').replace(/[】〕\]]/g, ')');
  const m = /^\((.+?)\)(.*?)\((\d{4})\)(.*)$/.exec(s);
  return m ? `(${m[1]})${m[2]}[${m[3]}]${m[4]}` : s;
}
