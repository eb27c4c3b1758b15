import { describe, expect, it } from 'vitest';
import { StringInterner } from './interner.js';

describe('StringInterner', () => {
  it('gives each distinct string one dense id, across growth', () => {
    const t = new StringInterner(4);
    const ids = new Map<string, number>();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        const s = `51010419800101${String(i % 3000).padStart(4, '0')}`;
        const id = t.intern(s);
        if (ids.has(s)) expect(id).toBe(ids.get(s));
        else ids.set(s, id);
      }
    }
    expect(t.size).toBe(3000);
    expect([...ids.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    for (const [s, id] of ids) expect(t.keys[id]).toBe(s);
  });

  it('answers lookups without adding, and tells equal content from equal identity', () => {
    const t = new StringInterner();
    const a = t.intern('川建安B(2023)0000001');
    expect(t.get(['川建安B', '(2023)0000001'].join(''))).toBe(a);
    expect(t.get('川建安B(2023)0000002')).toBe(-1);
    expect(t.get('')).toBe(-1);
    expect(t.intern('')).toBe(1);
    expect(t.get('')).toBe(1);
    expect(t.size).toBe(2);
  });
});
