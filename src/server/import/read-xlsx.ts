// Streaming XLSX: the first sheet, row by row. The zip is opened with random access (unzipper) and the
// sheet's XML parsed with saxes, decoding UTF-8 with a streaming decoder so that a character split
// across two chunks stays whole (ExcelJS's streaming reader decodes each chunk separately and garbles
// such characters, so it is not used for reading).

import { SaxesParser } from 'saxes';
import { statSync } from 'node:fs';
import unzipper from 'unzipper';
import type { CellValue } from '../domain/dates.js';
import type { RawRow } from './read-rows.js';

interface ZipEntry {
  path: string;
  stream(): NodeJS.ReadableStream;
  buffer(): Promise<Buffer>;
}

const BATCH = 500;

async function entryText(entry: ZipEntry): Promise<string> {
  return (await entry.buffer()).toString('utf8');
}

/** Parse an entry's XML as a stream, handing each batch of SAX events to the handlers. */
async function parseEntry(
  entry: ZipEntry,
  handlers: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void },
  onChunk?: (bytes: number) => void,
): Promise<void> {
  const parser = new SaxesParser();
  if (handlers.open) parser.on('opentag', (t) => handlers.open!(t.name, t.attributes as Record<string, string>));
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) parser.on('closetag', (t) => handlers.close!(t.name));
  let error: Error | null = null;
  parser.on('error', (e) => (error = e));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entry.stream() as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    onChunk?.(chunk.length);
  }
  parser.write(decoder.decode());
  parser.close();
  if (error) throw error;
}

/** The first sheet's path inside the zip (workbook order, not file-name order). */
async function firstSheetPath(entries: Map<string, ZipEntry>): Promise<string> {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (workbook && rels) {
    const rid = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(await entryText(workbook))?.[1];
    if (rid) {
      const relsXml = await entryText(rels);
      for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
        if (m[0].includes(`Id="${rid}"`)) {
          const target = /Target="([^"]+)"/.exec(m[0])?.[1];
          if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        }
      }
    }
  }
  const sheets = [...entries.keys()].filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)));
  if (!sheets[0]) throw new Error('Excel 文件中没有工作表');
  return sheets[0];
}

async function sharedStrings(entry: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await parseEntry(entry, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't') inText = true;
    },
    text: (t) => {
      if (inText && !inPhonetic && current !== null) current += t;
    },
    close: (name) => {
      if (name === 'si') {
        out.push(current ?? '');
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
  });
  return out;
}

/** Column index (0-based) from a cell reference such as `AB12`. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export async function* readXlsxRows(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<RawRow[]> {
  const total = statSync(path).size;
  let directory: { files: ZipEntry[] };
  try {
    directory = (await unzipper.Open.file(path)) as unknown as { files: ZipEntry[] };
  } catch {
    throw new Error('无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式');
  }
  const entries = new Map(directory.files.map((f) => [f.path, f]));
  const strings = await sharedStrings(entries.get('xl/sharedStrings.xml'));
  const sheet = entries.get(await firstSheetPath(entries));
  if (!sheet) throw new Error('Excel 文件中找不到第一个工作表');

  // Rows are collected by the SAX handlers; the sheet is fed to the parser chunk by chunk from this
  // generator, so a slow consumer holds the reading back (no unbounded buffering).
  let ready: RawRow[] = [];
  let cells: CellValue[] = [];
  let rowNumber = 0;
  let cellIndex = 0;
  let cellType = '';
  let text = '';
  let inValue = false;
  let inInline = false;
  const parser = new SaxesParser();
  let error: Error | null = null;
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const a = tag.attributes as Record<string, string>;
    if (name === 'row') {
      rowNumber = a.r ? Number(a.r) : rowNumber + 1;
      cells = [];
      cellIndex = 0;
    } else if (name === 'c') {
      cellIndex = a.r ? columnIndex(a.r) : cellIndex + 1;
      cellType = a.t ?? 'n';
      text = '';
    } else if (name === 'v') inValue = true;
    else if (name === 'is') inInline = true;
    else if (name === 't' && inInline) inValue = true;
  });
  parser.on('text', (t) => {
    if (inValue) text += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (name === 'v' || (name === 't' && inInline)) inValue = false;
    else if (name === 'is') inInline = false;
    else if (name === 'c') {
      let v: CellValue = null;
      if (text !== '') {
        if (cellType === 's') v = strings[Number(text)] ?? '';
        else if (cellType === 'inlineStr' || cellType === 'str') v = text;
        else if (cellType === 'b') v = text === '1';
        else if (cellType === 'e') v = null;
        else {
          // Numbers stay numbers: date columns take Excel serials as dates (contract §1).
          const n = Number(text);
          v = Number.isFinite(n) ? n : text;
        }
      }
      while (cells.length < cellIndex) cells.push(null);
      cells[cellIndex] = v;
      cellIndex++;
    } else if (name === 'row') ready.push({ rowNumber, cells });
  });

  const size = (sheet as unknown as { uncompressedSize?: number }).uncompressedSize || 0;
  const decoder = new TextDecoder('utf-8');
  let inflated = 0;
  for await (const chunk of sheet.stream() as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (error) throw new Error(`Excel 文件解析失败：${(error as Error).message}`);
    inflated += chunk.length;
    if (ready.length >= BATCH) {
      onBytes?.(size > 0 ? Math.min(total, Math.round((inflated / size) * total)) : 0);
      yield ready;
      ready = [];
    }
  }
  parser.write(decoder.decode());
  parser.close();
  if (error) throw new Error(`Excel 文件解析失败：${(error as Error).message}`);
  onBytes?.(total);
  if (ready.length) yield ready;
}
