// Streaming CSV (RFC 4180) in UTF-8 (with or without BOM) or GB18030/GBK, detected rather than configured.

import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { RawRow } from './read-rows.js';

/** Index of the first byte ≥ 0x80, or -1. */
function firstHighByte(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return i;
  return -1;
}

/** Length of buf without a UTF-8 sequence cut off at its end. */
function completeUtf8Length(buf: Uint8Array): number {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? i : buf.length;
}

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le';

/**
 * Chooses the encoding lazily: ASCII reads the same in both candidates, so the choice is made on the
 * first chunk holding a byte ≥ 0x80 — strict UTF-8 if it decodes as such, else GB18030 (a superset of GBK).
 */
export class DetectingDecoder {
  encoding: TextEncodingName | null = null;
  private decoder: { decode(buf: Uint8Array, final: boolean): string } | null = null;
  private first = true;

  decode(chunk: Uint8Array, final = false): string {
    let buf = chunk;
    if (this.first) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.use('utf-8');
        buf = buf.subarray(3);
      } else if (buf[0] === 0xff && buf[1] === 0xfe) {
        this.use('utf-16le');
        buf = buf.subarray(2);
      }
    }
    if (!this.decoder) {
      const hi = firstHighByte(buf);
      if (hi < 0 && !final) return latin(buf);
      if (hi >= 0) {
        const sample = buf.subarray(0, completeUtf8Length(buf));
        let isUtf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(sample);
        } catch {
          isUtf8 = false;
        }
        this.use(isUtf8 ? 'utf-8' : 'gb18030');
      } else this.use('utf-8');
    }
    return this.decoder!.decode(buf, final);
  }

  private use(enc: TextEncodingName) {
    this.encoding = enc;
    if (enc === 'utf-8') {
      // Node's StringDecoder is several times faster than TextDecoder for UTF-8 and keeps cut sequences.
      const sd = new StringDecoder('utf8');
      this.decoder = { decode: (buf, final) => (final ? sd.write(Buffer.from(buf)) + sd.end() : sd.write(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength))) };
    } else {
      const td = new TextDecoder(enc);
      this.decoder = { decode: (buf, final) => td.decode(buf, { stream: !final }) };
    }
  }
}

function latin(buf: Uint8Array): string {
  // Pure ASCII: byte = code unit.
  let s = '';
  for (let i = 0; i < buf.length; i += 8192) s += String.fromCharCode(...buf.subarray(i, i + 8192));
  return s;
}

/**
 * Incremental CSV parser. Feed text; complete records come out with the line number they start on.
 * Unquoted lines (the vast majority) take a fast split path.
 */
export class CsvParser {
  private rest = '';
  private line = 1; // line number of the start of `rest`

  push(text: string, final = false): RawRow[] {
    const out: RawRow[] = [];
    let s = this.rest + text;
    let pos = 0;
    // Position of the next quote at or after pos (-1: none left); found once, not once per line.
    let quote = s.indexOf('"');
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl < 0) break;
      const lineEnd = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (quote >= 0 && quote < pos) quote = s.indexOf('"', pos);
      if (quote < 0 || quote > lineEnd) {
        const startLine = this.line;
        this.line++;
        const raw = s.slice(pos, lineEnd);
        pos = nl + 1;
        out.push({ rowNumber: startLine, cells: raw.split(',') });
        continue;
      }
      const parsed = parseQuotedRecord(s, pos, final);
      if (!parsed) break; // record continues past the buffered text
      const startLine = this.line;
      this.line += parsed.newlines;
      pos = parsed.next;
      out.push({ rowNumber: startLine, cells: parsed.cells, error: parsed.error });
    }
    this.rest = s.slice(pos);
    s = '';
    if (final && this.rest.length > 0) {
      const tail = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      this.rest = '';
      if (tail.includes('"')) {
        const parsed = parseQuotedRecord(tail + '\n', 0, true);
        if (parsed) out.push({ rowNumber: this.line, cells: parsed.cells, error: parsed.error });
      } else out.push({ rowNumber: this.line, cells: tail.split(',') });
    }
    return out;
  }
}

interface QuotedRecord {
  cells: string[];
  next: number;
  newlines: number;
  error?: string;
}

/** Parse one record starting at `pos` that contains quotes; null when the text ends inside it. */
function parseQuotedRecord(s: string, pos: number, final: boolean): QuotedRecord | null {
  const cells: string[] = [];
  let cell = '';
  let i = pos;
  let newlines = 1;
  let error: string | undefined;
  const n = s.length;
  for (;;) {
    if (i < n && s[i] === '"' && cell === '') {
      // Quoted field.
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          if (!final) return null;
          error = '引号未闭合';
          cell += s.slice(i).replace(/\r?\n$/, '');
          cells.push(cell);
          return { cells, next: n, newlines: newlines + countNewlines(s, i, n), error };
        }
        newlines += countNewlines(s, i, q);
        cell += s.slice(i, q);
        if (s[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // After the closing quote: up to the next separator (stray text is kept, as Excel does).
      while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') cell += s[i++];
    } else {
      while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') cell += s[i++];
    }
    if (i >= n) {
      if (!final) return null;
      cells.push(cell);
      return { cells, next: n, newlines, error };
    }
    const c = s[i];
    cells.push(cell);
    cell = '';
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '\r') i++;
    if (s[i] === '\n') i++;
    else if (i >= n && !final) return null;
    return { cells, next: i, newlines, error };
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let c = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) c++;
  return c;
}

/** Stream a CSV file's records in batches. `onBytes` reports how far the file has been read. */
export async function* readCsvRows(
  path: string,
  onBytes?: (bytesRead: number) => void,
  info?: { encoding?: TextEncodingName | null },
): AsyncGenerator<RawRow[]> {
  const decoder = new DetectingDecoder();
  const parser = new CsvParser();
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    bytes += (chunk as Buffer).length;
    const text = decoder.decode(chunk as Buffer);
    if (info) info.encoding = decoder.encoding;
    const rows = parser.push(text);
    onBytes?.(bytes);
    if (rows.length) yield rows;
  }
  const last = parser.push(decoder.decode(new Uint8Array(0), true), true);
  if (last.length) yield last;
  if (info) info.encoding = decoder.encoding;
}
