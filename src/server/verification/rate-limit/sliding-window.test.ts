import { describe, expect, it } from 'vitest';
import { admissible, retryAfterSeconds, windowAt } from './sliding-window.js';

describe('admissible', () => {
  it('admits up to the limit in a fresh window', () => {
    expect(admissible(10, 0, 0, 0.5, 4)).toBe(4);
    expect(admissible(10, 0, 8, 0.5, 4)).toBe(2);
    expect(admissible(10, 0, 10, 0.5, 4)).toBe(0);
  });
  it('weighs the previous window by the part of it still inside the sliding window', () => {
    // 10 in the previous window, a quarter into this one: 7.5 carried, room for 2.
    expect(admissible(10, 10, 0, 0.25, 5)).toBe(2);
    // At the very end of the window nothing is carried.
    expect(admissible(10, 10, 0, 0.999999, 20)).toBe(9);
  });
  it('never answers negative', () => {
    expect(admissible(5, 100, 100, 0.1, 3)).toBe(0);
  });
});

describe('retryAfterSeconds', () => {
  it('is 0 while there is room', () => {
    expect(retryAfterSeconds(10, 0, 5, 0.5, 60)).toBe(0);
  });
  it('waits for the carried part to decay when this window alone has room', () => {
    // previous 10, current 5, at f=0.2 → 8 + 5 = 13 > 10; need 10·(1−f') + 6 ≤ 10 → f' ≥ 0.6 → 24 s.
    expect(retryAfterSeconds(10, 10, 5, 0.2, 60)).toBe(24);
  });
  it('waits into the next window when this one is full', () => {
    // current 10 = limit at f=0.5: next window starts carrying 10; need 10·(1−f'') + 1 ≤ 10 → f'' ≥ 0.1.
    expect(retryAfterSeconds(10, 0, 10, 0.5, 60)).toBe(36);
  });
  it('is at least one second when refusing', () => {
    expect(retryAfterSeconds(1, 0, 1, 0.9999, 60)).toBeGreaterThanOrEqual(1);
  });
  it('agrees with admissible: after waiting, one more request fits', () => {
    for (const [limit, prev, cur, f] of [
      [10, 10, 5, 0.2],
      [30, 50, 30, 0.7],
      [5, 3, 5, 0.1],
    ] as const) {
      const wait = retryAfterSeconds(limit, prev, cur, f, 60);
      const at = f + wait / 60;
      if (at < 1) expect(admissible(limit, prev, cur, at, 1)).toBe(1);
      else expect(admissible(limit, cur, 0, at - 1, 1)).toBe(1);
    }
  });
});

describe('windowAt', () => {
  it('splits a time into window index and fraction', () => {
    expect(windowAt(90_000, 60)).toEqual({ win: 1, fraction: 0.5 });
  });
});
