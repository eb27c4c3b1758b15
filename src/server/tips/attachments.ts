// Tip attachments: photos and PDFs only, size- and count-limited, stored once under DATA_DIR by their
// SHA-256 (the same file sent twice is kept once). The type is read from the file's first bytes, not
// from its name or the browser's claim.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldError } from './tip-input.js';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface Attachment {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** The MIME type the content really has, among those accepted; null otherwise. */
export function sniffType(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Check the files of one submission; each problem names the file. */
export function checkAttachments(files: Array<{ name: string; content: Buffer; truncated: boolean }>): { attachments: Attachment[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (files.length > MAX_ATTACHMENTS) errors.push({ field: 'attachments', reason: `最多 ${MAX_ATTACHMENTS} 个文件` });
  const attachments: Attachment[] = [];
  for (const f of files.slice(0, MAX_ATTACHMENTS)) {
    const name = f.name.normalize('NFKC').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120) || '附件';
    if (f.truncated || f.content.length > MAX_ATTACHMENT_BYTES) {
      errors.push({ field: 'attachments', reason: `“${name}”超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
      continue;
    }
    if (f.content.length === 0) {
      errors.push({ field: 'attachments', reason: `“${name}”是空文件` });
      continue;
    }
    const mime = sniffType(f.content);
    if (!mime) {
      errors.push({ field: 'attachments', reason: `“${name}”不是图片（JPG、PNG、GIF、WEBP）或 PDF 文件` });
      continue;
    }
    const sha256 = createHash('sha256').update(f.content).digest('hex');
    if (!attachments.some((a) => a.sha256 === sha256)) attachments.push({ name, mime, size: f.content.length, sha256, content: f.content });
  }
  return { attachments, errors };
}

const pathOf = (dataDir: string, sha256: string) => join(dataDir, 'tip-files', sha256.slice(0, 2), sha256);

/** Write each file unless a file with its hash is already kept (write-then-rename, so no half files). */
export function storeAttachments(dataDir: string, attachments: Attachment[]): void {
  for (const a of attachments) {
    const path = pathOf(dataDir, a.sha256);
    if (existsSync(path)) continue;
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    writeFileSync(tmp, a.content);
    renameSync(tmp, path);
  }
}

export function readAttachment(dataDir: string, sha256: string): Buffer | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const path = pathOf(dataDir, sha256);
  return existsSync(path) ? readFileSync(path) : null;
}
