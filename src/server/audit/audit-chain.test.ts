import { describe, expect, it } from 'vitest';
import type { AuditLogTable } from '../db/schema.js';
import { ChainVerifier, GENESIS_HASH, entryHash, parseAnchor, type Anchor, type ChainBreak } from './audit-chain.js';

/** Links entries into a chain the way appendAudit does, from `from` on (recomputing later hashes). */
function link(entries: Array<Omit<AuditLogTable, 'prev_hash' | 'hash'>>): AuditLogTable[] {
  const out: AuditLogTable[] = [];
  let prev = GENESIS_HASH;
  for (const e of entries) {
    const fields = { ...e, prev_hash: prev };
    const hash = entryHash(fields);
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

function chain(n: number): AuditLogTable[] {
  return link(
    Array.from({ length: n }, (_, i) => ({
      seq: i + 1,
      at: `2026-01-01T00:00:0${i}.000Z`,
      actor_id: 'u1',
      actor_name: 'city-official',
      actor_role: 'official',
      actor_region: '510100',
      action: i % 2 ? 'registry.export' : 'auth.login',
      object_type: null,
      object_id: null,
      region: '510104',
      details: JSON.stringify({ n: i }),
    })),
  );
}

const headOf = (entries: AuditLogTable[]) => {
  const last = entries[entries.length - 1];
  return { seq: last ? last.seq : 0, hash: last ? last.hash : GENESIS_HASH };
};

function verify(entries: AuditLogTable[], head = headOf(entries), anchors: Anchor[] = []): ChainBreak | null {
  const v = new ChainVerifier(anchors);
  for (const e of entries) if (v.push(e)) break;
  return v.finish(head);
}

/** Rehash entries from index `from` on, as someone who knows the algorithm would after tampering. */
function rehashFrom(entries: AuditLogTable[], from: number): AuditLogTable[] {
  const out = entries.slice(0, from);
  let prev = from === 0 ? GENESIS_HASH : out[from - 1]!.hash;
  for (const e of entries.slice(from)) {
    const fields = { ...e, prev_hash: prev };
    const hash = entryHash(fields);
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('passes a clean chain and an empty one', () => {
    expect(verify(chain(6))).toBeNull();
    expect(verify([])).toBeNull();
  });

  it('reports a changed field at that entry', () => {
    for (const field of ['action', 'details', 'actor_name', 'at', 'region'] as const) {
      const entries = chain(6);
      entries[2] = { ...entries[2]!, [field]: 'x' };
      const b = verify(entries);
      expect(b?.seq, field).toBe(3);
      expect(b?.reason).toContain('被修改');
      expect(b?.entry).toEqual({ seq: 3, at: entries[2]!.at, action: entries[2]!.action });
    }
  });

  it('reports a changed entry whose hash was recomputed at the next entry', () => {
    const entries = chain(6);
    entries[2] = { ...entries[2]!, details: '{}' };
    entries[2] = { ...entries[2], hash: entryHash(entries[2]) };
    expect(verify(entries)?.seq).toBe(4);
  });

  it('reports a deleted middle entry by its seq, with the entry after the gap', () => {
    const entries = chain(6);
    const b = verify([...entries.slice(0, 2), ...entries.slice(3)]);
    expect(b).toMatchObject({ seq: 3, entry: { seq: 4 } });
    expect(b?.reason).toContain('第 3 条记录缺失');
    expect(verify([...entries.slice(0, 2), ...entries.slice(4)])?.reason).toContain('第 3–4 条');
    expect(verify(entries.slice(1))?.seq).toBe(1);
  });

  it('reports deleted last entries against the head', () => {
    const entries = chain(6);
    const b = verify(entries.slice(0, 5), headOf(entries));
    expect(b).toMatchObject({ seq: 6, entry: null });
    expect(b?.reason).toContain('链尾缺少 1 条');
    expect(verify(entries.slice(0, 3), headOf(entries))?.seq).toBe(4);
  });

  it('reports an inserted entry', () => {
    const entries = chain(6);
    // In the middle, renumbering the rest: the forged entry links to its predecessor, its successor does not.
    const forged = { ...entries[2]!, action: 'forged' };
    const shifted = entries.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }));
    const inserted = [...entries.slice(0, 3), ...rehashFrom([...entries.slice(0, 3), { ...forged, seq: 4 }], 3).slice(3), ...shifted];
    expect(verify(inserted, headOf(entries))?.seq).toBe(5);
    // At the end, well-formed, without moving the head.
    const appended = rehashFrom([...entries, { ...entries[5]!, seq: 7, action: 'forged' }], 6);
    expect(verify(appended, headOf(entries))).toMatchObject({ seq: 7 });
    // At the end with a bad hash: found at the entry itself.
    const bad = [...entries, { ...entries[5]!, seq: 7, prev_hash: entries[5]!.hash }];
    expect(verify(bad, headOf(entries))?.seq).toBe(7);
  });

  it('reports swapped entries at the first of the two', () => {
    const entries = chain(6);
    // Contents swapped, seq kept in place.
    const swappedContents = entries.slice();
    swappedContents[1] = { ...entries[2]!, seq: 2 };
    swappedContents[2] = { ...entries[1]!, seq: 3 };
    expect(verify(swappedContents)?.seq).toBe(2);
    // Whole rows swapped (seq travels with the row): read in storage order 1, 3, 2, ...
    const reordered = [entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)];
    expect(verify(reordered)?.seq).toBe(2);
    // seq values exchanged between two rows, read back in seq order.
    const exchanged = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }, ...entries.slice(3)];
    expect(verify(exchanged)?.seq).toBe(2);
  });

  it('reports an altered head', () => {
    const entries = chain(6);
    const hashChanged = verify(entries, { seq: 6, hash: 'f'.repeat(64) });
    expect(hashChanged).toMatchObject({ seq: 6, entry: { seq: 6 } });
    expect(hashChanged?.reason).toContain('链头');
    expect(verify(entries, { seq: 4, hash: entries[3]!.hash })?.seq).toBe(5);
    expect(verify(entries, { seq: 8, hash: entries[5]!.hash })?.seq).toBe(7);
  });

  it('catches a chain recomputed wholesale only with an anchor recorded outside', () => {
    const entries = chain(6);
    const anchors = [{ seq: 4, hash: entries[3]!.hash }];
    const tampered = entries.slice();
    tampered[2] = { ...tampered[2]!, details: '{}' };
    const recomputed = rehashFrom(tampered, 2);
    expect(verify(recomputed)).toBeNull(); // the limit of an unkeyed chain
    expect(verify(recomputed, headOf(recomputed), anchors)?.seq).toBe(4);
    expect(verify(recomputed, headOf(recomputed), [{ seq: 3, hash: entries[2]!.hash }])?.seq).toBe(3);
    // Cut off after entry 3 and the head moved back: the anchor at 4 names the missing entry.
    const cut = entries.slice(0, 3);
    expect(verify(cut, headOf(cut), anchors)?.seq).toBe(4);
    expect(verify(entries, headOf(entries), anchors)).toBeNull();
  });

  it('stops at the first break', () => {
    const entries = chain(6);
    entries[1] = { ...entries[1]!, action: 'x' };
    entries[4] = { ...entries[4]!, action: 'y' };
    const v = new ChainVerifier();
    for (const e of entries) v.push(e);
    expect(v.finish({ seq: 99, hash: '' })?.seq).toBe(2);
    expect(v.count).toBe(2);
  });

  it('parses anchors as printed', () => {
    expect(parseAnchor(`12:${'A'.repeat(64)}`)).toEqual({ seq: 12, hash: 'a'.repeat(64) });
    expect(parseAnchor('12:abc')).toBeNull();
    expect(parseAnchor('x')).toBeNull();
  });
});
