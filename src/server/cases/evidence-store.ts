// Case files on disk: DATA_DIR/evidence/<sha256>, content-addressed. The hash is computed while the
// upload streams in and checked again on every read, so a file changed on disk is never served as evidence.

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../http/errors.js';

export function evidenceDir(dataDir: string): string {
  return join(dataDir, 'evidence');
}

/** Stream a file into the store; returns its hash and size. Identical content is stored once. */
export async function storeEvidence(dataDir: string, source: Readable): Promise<{ sha256: string; size: number }> {
  const dir = evidenceDir(dataDir);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(tmp));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  const target = join(dir, sha256);
  const exists = await stat(target).then(() => true, () => false);
  if (exists) await rm(tmp, { force: true });
  else await rename(tmp, target);
  return { sha256, size };
}

export async function storeEvidenceBuffer(dataDir: string, content: Buffer): Promise<{ sha256: string; size: number }> {
  const { Readable } = await import('node:stream');
  return storeEvidence(dataDir, Readable.from([content]));
}

/** The stored bytes, after checking they still hash to the recorded value. */
export async function readEvidence(dataDir: string, sha256: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('internal', '证据文件记录不正确');
  const content = await readFile(join(evidenceDir(dataDir), sha256)).catch(() => null);
  if (!content) throw new AppError('not_found', '证据文件已不在存储中');
  if (createHash('sha256').update(content).digest('hex') !== sha256) throw new AppError('conflict', '证据文件校验失败：存储的内容与登记的 SHA-256 不一致，已拒绝下载');
  return content;
}
