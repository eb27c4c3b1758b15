// The status list (IETF OAuth Token Status List layout): 2 bits per certificate, LSB first within a
// byte, DEFLATE (zlib) compressed, base64url. Runs in Node and in the browser (CompressionStream).

import { base64url } from 'jose';

export const STATUS_BITS = 2;

/** 00 valid · 01 invalid (吊销/撤销) · 10 suspended (暂扣) · 11 ended (注销/失效/办理转出), as in the IETF draft. */
export const STATUS = { valid: 0, invalid: 1, suspended: 2, ended: 3 } as const;
export type StatusValue = (typeof STATUS)[keyof typeof STATUS];

/** A registry state (Chinese label) as a status-list value. Unknown or missing = invalid. */
export function statusValueOf(label: string | null | undefined): StatusValue {
  switch (label) {
    case '有效':
      return STATUS.valid;
    case '暂扣':
      return STATUS.suspended;
    case '注销':
    case '失效':
    case '办理转出':
      return STATUS.ended;
    default:
      return STATUS.invalid; // 吊销, 撤销, or a certificate no longer in the registry
  }
}

export function packStatuses(size: number, entries: Iterable<readonly [number, StatusValue]>): Uint8Array {
  const bytes = new Uint8Array(Math.ceil((size * STATUS_BITS) / 8));
  for (const [idx, v] of entries) {
    if (idx < 0 || idx >= size) continue;
    const bit = idx * STATUS_BITS;
    bytes[bit >> 3]! |= (v & 3) << (bit & 7);
  }
  return bytes;
}

/** The value at `idx`, or null when the list does not reach it. */
export function statusAt(bytes: Uint8Array, idx: number): StatusValue | null {
  const bit = idx * STATUS_BITS;
  if (!Number.isInteger(idx) || idx < 0 || bit >> 3 >= bytes.length) return null;
  return ((bytes[bit >> 3]! >> (bit & 7)) & 3) as StatusValue;
}

async function pipeThrough(data: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error('status list too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// 64 MB of statuses is 256M certificates: anything bigger is an attack on the verifier.
const MAX_LIST_BYTES = 64 * 1024 * 1024;

export async function compressStatuses(bytes: Uint8Array): Promise<string> {
  return base64url.encode(await pipeThrough(bytes, new CompressionStream('deflate'), MAX_LIST_BYTES));
}

export async function decompressStatuses(lst: string): Promise<Uint8Array> {
  return pipeThrough(base64url.decode(lst), new DecompressionStream('deflate'), MAX_LIST_BYTES);
}
