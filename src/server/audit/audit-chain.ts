// The audit log's hash chain. Pure: each entry's hash covers the previous entry's hash and every field
// of the entry, so changing, deleting, inserting or reordering entries breaks the chain at that point.

import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditFields = Omit<AuditLogTable, 'hash'>;

export function entryHash(e: AuditFields): string {
  const canonical = JSON.stringify([
    e.prev_hash,
    e.seq,
    e.at,
    e.actor_id,
    e.actor_name,
    e.actor_role,
    e.actor_region,
    e.action,
    e.object_type,
    e.object_id,
    e.region,
    e.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks entries in storage order (by seq) against each other and, at the end, against the head.
 * Feed it every entry; it returns the first break or null. Stateful so it can stream.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: ChainBreak | null = null;
  count = 0;

  push(e: AuditLogTable): ChainBreak | null {
    if (this.broken) return this.broken;
    this.count++;
    const seq = Number(e.seq);
    if (seq !== this.expectedSeq)
      return (this.broken = { seq, reason: seq > this.expectedSeq ? `缺少第 ${this.expectedSeq} 条记录（已被删除）` : `序号重复或乱序` });
    if (e.prev_hash !== this.prevHash) return (this.broken = { seq, reason: '与前一条记录的哈希不衔接（记录被插入、删除或调换）' });
    if (entryHash({ ...e, seq }) !== e.hash) return (this.broken = { seq, reason: '记录内容与其哈希不符（记录被修改）' });
    this.expectedSeq++;
    this.prevHash = e.hash;
    return null;
  }

  /** After the last entry: the head must name the last entry (else entries were cut off the end). */
  finish(head: { seq: number; hash: string }): ChainBreak | null {
    if (this.broken) return this.broken;
    const headSeq = Number(head.seq);
    if (headSeq !== this.expectedSeq - 1 || head.hash !== this.prevHash)
      return (this.broken = {
        seq: Math.min(headSeq, this.expectedSeq),
        reason: headSeq > this.expectedSeq - 1 ? `链尾记录缺失（应有 ${headSeq} 条，实有 ${this.expectedSeq - 1} 条）` : '链头与最后一条记录不符',
      });
    return null;
  }
}
