import { describe, expect, it } from 'vitest';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';

const answer = (certNo: string | null, shows: string[] = certNo ? [certNo] : []): CachedAnswer => ({ body: Buffer.from(`{"n":"${certNo}"}`), result: certNo ? 'valid' : 'no_match', query: `certNo=${certNo}`, certNo, source: certNo ? '' : null, shows });
const K = (n: string, name = '张三') => AnswerCache.key('certNo', n, name);

describe('AnswerCache', () => {
  it('keeps answers while the registry version and the day are unchanged', () => {
    const c = new AnswerCache(10);
    const t = c.sync(1, '2026-01-01')!;
    c.set(K('A'), answer('A'), t);
    expect(c.sync(1, '2026-01-01')).not.toBeNull();
    expect(c.get(K('A'))?.certNo).toBe('A');
    c.sync(2, '2026-01-01'); // someone else committed to the registry
    expect(c.get(K('A'))).toBeUndefined();
    c.set(K('A'), answer('A'), c.sync(2, '2026-01-01')!);
    c.sync(2, '2026-01-02'); // a new day: "expired" may now apply
    expect(c.get(K('A'))).toBeUndefined();
  });

  it('caches nothing where the version cannot be read', () => {
    const c = new AnswerCache(10);
    expect(c.sync(null, '2026-01-01')).toBeNull();
    expect(new AnswerCache(0).sync(1, '2026-01-01')).toBeNull();
  });

  it('forgets the answers showing a certificate on invalidateCertificate, and everything on invalidateAll', () => {
    const c = new AnswerCache(10);
    const t = c.sync(1, 'd')!;
    c.set(K('A'), answer('A'), t);
    c.set(AnswerCache.key('idNo', '510104198001010011', '张三'), answer('B', ['B', 'A']), t);
    c.set(K('C'), answer('C'), t);
    c.invalidateCertificate('A');
    expect(c.get(K('A'))).toBeUndefined();
    expect(c.get(AnswerCache.key('idNo', '510104198001010011', '张三'))).toBeUndefined();
    expect(c.get(K('C'))).toBeDefined();
    c.invalidateAll();
    c.sync(1, 'd');
    expect(c.get(K('C'))).toBeUndefined();
  });

  it('does not store an answer looked up before an invalidation', () => {
    const c = new AnswerCache(10);
    const t = c.sync(1, 'd')!;
    c.invalidateCertificate('A'); // arrives while the lookup awaits
    c.set(K('A'), answer('A'), t);
    expect(c.get(K('A'))).toBeUndefined();
  });

  it('evicts the oldest unread answer, giving each read one a second chance, and ends when all were read', () => {
    const c = new AnswerCache(3);
    const t = c.sync(1, 'd')!;
    for (const n of ['A', 'B', 'C']) c.set(K(n), answer(n), t);
    for (const n of ['A', 'B', 'C']) c.get(K(n));
    c.set(K('D'), answer('D'), t); // every mark cleared in one round, then A (oldest) goes
    expect([...'ABCD'].map((n) => c.get(K(n)) !== undefined)).toEqual([false, true, true, true]);
    c.set(K('E'), answer('E'), t); // B, C, D were just read: all go round, then B goes
    expect([...'BCDE'].map((n) => c.get(K(n)) !== undefined)).toEqual([false, true, true, true]);
    expect(c.stats.size).toBe(3);
  });

  it('reuses the place of an invalidated answer before evicting anything', () => {
    const c = new AnswerCache(3);
    const t = c.sync(1, 'd')!;
    for (const n of ['A', 'B', 'C']) c.set(K(n), answer(n), t);
    c.invalidateCertificate('B');
    const t2 = c.sync(1, 'd')!;
    c.set(K('D'), answer('D'), t2);
    expect([...'ABCD'].map((n) => c.get(K(n)) !== undefined)).toEqual([true, false, true, true]);
    expect(c.stats.size).toBe(3);
  });

  it('admits an answer offered the second time its query is asked, so queries asked once cannot push out repeated ones', () => {
    const c = new AnswerCache(3);
    const t = c.sync(1, 'd')!;
    for (const n of ['A', 'B']) for (let i = 0; i < 2; i++) c.offer(K(n), answer(n), t);
    for (const n of ['x1', 'x2', 'x3', 'x4', 'x5']) c.offer(K(n), answer(n), t); // a walk through numbers
    expect(['A', 'B', 'x1', 'x5'].map((n) => c.get(K(n)) !== undefined)).toEqual([true, true, false, false]);
    c.offer(K('x5'), answer('x5'), t); // asked again: admitted
    expect(c.get(K('x5'))).toBeDefined();
  });

  it('evicts the least recently used answer past its capacity', () => {
    const c = new AnswerCache(2);
    const t = c.sync(1, 'd')!;
    c.set(K('A'), answer('A'), t);
    c.set(K('B'), answer('B'), t);
    c.get(K('A'));
    c.set(K('C'), answer('C'), t);
    expect(c.get(K('B'))).toBeUndefined();
    expect(c.get(K('A'))).toBeDefined();
    expect(c.stats.size).toBe(2);
  });
});
