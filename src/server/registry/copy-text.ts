// A byte-level reader of PostgreSQL's COPY text format (decision 015), for the screening loader: rows
// arrive as chunks of `field\tfield\n` bytes and are handed on one at a time in ONE reused array, with
// numbers parsed from the bytes (no string per numeric field, no object per row) and only the
// identifiers the rules intern decoded into strings. The first field of every row is a ctid,
// `(block,offset)`, returned as one number (block × 65536 + offset).

/** What the fields after the ctid are: `n` a number (int, float8 or real), `s` a string; both may be NULL. */
export type FieldKinds = string;

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

export class CopyTextReader {
  /** The row being handed on: [ctid key, ...fields]; overwritten by the next row. */
  readonly values: (string | number | null)[];
  rows = 0;
  private carry: Buffer | null = null;
  private readonly kinds: Uint8Array;

  constructor(
    kinds: FieldKinds,
    private readonly onRow: (key: number, values: (string | number | null)[]) => void,
  ) {
    this.kinds = Uint8Array.from(kinds, (k) => (k === 'n' ? 1 : 0));
    this.values = new Array(kinds.length + 1).fill(null);
  }

  /** Reads the complete rows of a chunk; an incomplete last row waits for the next chunk. */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const last = buf.lastIndexOf(NL);
    if (last < 0) {
      this.carry = buf;
      return;
    }
    let p = 0;
    while (p <= last) p = this.row(buf, p);
    if (last + 1 < buf.length) this.carry = buf.subarray(last + 1);
  }

  /** Checks that the data ended on a row boundary. */
  end(): void {
    if (this.carry && this.carry.length) throw new Error('COPY 数据不完整：最后一行没有结束');
  }

  /** Parses the row starting at `start` (which ends with a newline inside buf); returns the next row's start. */
  private row(buf: Buffer, start: number): number {
    // ctid: (block,offset)
    let p = start;
    let block = 0;
    let offset = 0;
    let c = buf[++p]! - ZERO;
    for (; c >= 0 && c <= 9; c = buf[++p]! - ZERO) block = block * 10 + c;
    if (buf[p] === 44) for (c = buf[++p]! - ZERO; c >= 0 && c <= 9; c = buf[++p]! - ZERO) offset = offset * 10 + c;
    if (buf[p] !== 41 || buf[start] !== 40) throw new Error('COPY 数据格式错误：每行应以 ctid 开头');
    p++;
    const values = this.values;
    const kinds = this.kinds;
    for (let f = 0; f < kinds.length; f++) {
      if (buf[p] !== TAB) throw new Error('COPY 数据格式错误：字段数与查询不符');
      p++;
      let end = p;
      let flags = 0; // 1: a byte ≥ 0x80, 2: a backslash
      for (let b = buf[end]!; b !== TAB && b !== NL; b = buf[++end]!) {
        if (b >= 0x80) flags |= 1;
        else if (b === BACKSLASH) flags |= 2;
      }
      if (flags & 2 && end - p === 2 && buf[p + 1] === 78) values[f + 1] = null; // \N
      else if (kinds[f] === 1) values[f + 1] = parseNumber(buf, p, end);
      else if (flags & 2) values[f + 1] = unescape(buf, p, end);
      else values[f + 1] = flags & 1 ? buf.toString('utf8', p, end) : buf.toString('latin1', p, end);
      p = end;
    }
    if (buf[p] !== NL) throw new Error('COPY 数据格式错误：字段数与查询不符');
    values[0] = block * 65536 + offset;
    this.rows++;
    this.onRow(values[0], values);
    return p + 1;
  }
}

/**
 * A number as PostgreSQL prints it (int, or float shortest-exact), equal to parseFloat of the text:
 * up to 15 significant digits and 22 decimals the integer of the digits divided by a power of ten is
 * exactly the correctly rounded value; anything else (exponents, NaN, Infinity) goes through parseFloat.
 */
function parseNumber(buf: Buffer, p: number, end: number): number {
  const start = p;
  let negative = false;
  if (buf[p] === MINUS) {
    negative = true;
    p++;
  }
  let m = 0;
  let digits = 0;
  let decimals = -1;
  for (; p < end; p++) {
    const c = buf[p]!;
    if (c === DOT && decimals < 0) {
      decimals = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return Number.parseFloat(buf.toString('latin1', start, end));
    m = m * 10 + d;
    digits++;
    if (decimals >= 0) decimals++;
  }
  if (digits === 0 || digits > 15 || decimals > 22) return Number.parseFloat(buf.toString('latin1', start, end));
  const v = decimals > 0 ? m / POW10[decimals]! : m;
  return negative ? -v : v;
}

const ESCAPES: Record<number, number> = { 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 };

/** A text field with backslash escapes (\\, \t, \n, \r, \b, \f, \v, \ooo, \xhh). */
function unescape(buf: Buffer, p: number, end: number): string {
  const out = Buffer.allocUnsafe(end - p);
  let n = 0;
  while (p < end) {
    const c = buf[p++]!;
    if (c !== BACKSLASH || p === end) {
      out[n++] = c;
      continue;
    }
    const e = buf[p++]!;
    if (e >= ZERO && e <= 55) {
      let v = e - ZERO;
      for (let k = 0; k < 2 && p < end && buf[p]! >= ZERO && buf[p]! <= 55; k++) v = v * 8 + (buf[p++]! - ZERO);
      out[n++] = v & 0xff;
    } else if (e === 120 && p < end && isHex(buf[p]!)) {
      let v = hex(buf[p++]!);
      if (p < end && isHex(buf[p]!)) v = v * 16 + hex(buf[p++]!);
      out[n++] = v;
    } else out[n++] = ESCAPES[e] ?? e;
  }
  return out.toString('utf8', 0, n);
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const hex = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);
