// The audit log's hash chain. Pure: each entry's hash covers the previous entry's hash and every field
// of the entry, so changing, deleting, inserting or reordering entries breaks the chain at that point.
// The chain has no secret: whoever can rewrite the whole table can recompute it. Heads recorded outside
// the database (anchors, see decision 022) catch that too.

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

/** The stored entry a break was found at (its seq may differ from the break's when entries are missing). */
export interface BreakEntry {
  seq: number;
  at: string;
  action: string;
}

export interface ChainBreak {
  /** The first position (seq) at which the chain no longer holds; for deleted entries, the first missing seq. */
  seq: number;
  /** Why, in Chinese, for the operator. */
  reason: string;
  /** The stored entry where the break showed; null when there is none (entries missing at the end). */
  entry: BreakEntry | null;
}

/** A head recorded outside the database: entry `seq` had hash `hash`. */
export interface Anchor {
  seq: number;
  hash: string;
}

const brief = (e: AuditLogTable): BreakEntry => ({ seq: Number(e.seq), at: e.at, action: e.action });

/**
 * Checks entries in storage order (by seq) against each other and, at the end, against the head.
 * Feed it every entry with push(); call finish(head) after the last. Both return the first break or
 * null. Stateful and holding only the last entry, so it streams over any number of entries.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private last: AuditLogTable | null = null;
  private broken: ChainBreak | null = null;
  private readonly anchors: Map<number, string>;
  /** Entries checked so far. */
  count = 0;

  constructor(anchors: readonly Anchor[] = []) {
    this.anchors = new Map(anchors.map((a) => [a.seq, a.hash.toLowerCase()]));
  }

  /** The seq of the last entry that checked out (0 before any). */
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  push(e: AuditLogTable): ChainBreak | null {
    if (this.broken) return this.broken;
    this.count++;
    const seq = Number(e.seq);
    if (seq > this.expectedSeq) {
      const missing = seq - 1 === this.expectedSeq ? `第 ${this.expectedSeq} 条` : `第 ${this.expectedSeq}–${seq - 1} 条`;
      return this.fail(this.expectedSeq, `${missing}记录缺失（已被删除）`, e);
    }
    if (seq < this.expectedSeq) return this.fail(seq, '序号重复或顺序错乱', e);
    if (e.prev_hash !== this.prevHash)
      return this.fail(seq, '所记的前一条哈希与前一条记录不符（记录被插入、删除或调换，或前一条被改动后重算了哈希）', e);
    if (entryHash({ ...e, seq }) !== e.hash) return this.fail(seq, '记录内容与其哈希不符（记录被修改）', e);
    const anchored = this.anchors.get(seq);
    if (anchored !== undefined && anchored !== e.hash) return this.fail(seq, '与外部留存的锚点哈希不符（此处及之后的链被整体重算）', e);
    this.expectedSeq++;
    this.prevHash = e.hash;
    this.last = e;
    return null;
  }

  /**
   * After the last entry: the head must name the last entry. More entries than the head counts were
   * inserted after it; fewer were cut off the end. Anchors beyond the last entry are missing entries.
   */
  finish(head: { seq: number; hash: string }): ChainBreak | null {
    if (this.broken) return this.broken;
    const headSeq = Number(head.seq);
    const lastSeq = this.lastSeq;
    if (headSeq > lastSeq) {
      const n = headSeq - lastSeq;
      return this.fail(lastSeq + 1, `链尾缺少 ${n} 条记录（链头记为第 ${headSeq} 条，实际只到第 ${lastSeq} 条）`, null);
    }
    if (headSeq < lastSeq) return this.fail(headSeq + 1, `第 ${headSeq + 1} 条起的记录在链头（第 ${headSeq} 条）之后（记录被插入）`, null);
    if (head.hash !== this.prevHash)
      return this.fail(headSeq, '链头的哈希与最后一条记录不符（链头被改动，或最后一条被改动后重算了哈希）', this.last);
    const beyond = [...this.anchors.keys()].filter((s) => s > lastSeq).sort((a, b) => a - b)[0];
    if (beyond !== undefined) return this.fail(beyond, `外部留存的锚点记有第 ${beyond} 条，链中已没有（记录被删除）`, null);
    return null;
  }

  private fail(seq: number, reason: string, e: AuditLogTable | null): ChainBreak {
    return (this.broken = { seq, reason, entry: e ? brief(e) : null });
  }
}

/** Parses "SEQ:HASH" as printed by `certguard audit verify`; null when malformed. */
export function parseAnchor(text: string): Anchor | null {
  const m = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}
