import { describe, expect, it } from 'vitest';
import { MemoryCounterStore, type CounterStore } from './counter-store.js';
import { RateLimiter } from './rate-limiter.js';

const limits = { windowSeconds: 60, perClient: 3, global: 5 };
const at = (ms: number) => () => ms;

async function burst(rl: RateLimiter, keys: string[], bypass = false) {
  return Promise.all(keys.map((k) => rl.check(k, bypass)));
}

describe('RateLimiter', () => {
  it('refuses a client past its limit with a Retry-After, in one batch or many', async () => {
    const rl = new RateLimiter(new MemoryCounterStore(), limits, undefined, at(30_000));
    const first = await burst(rl, ['a', 'a', 'a', 'a']);
    expect(first.map((d) => d.allowed)).toEqual([true, true, true, false]);
    const next = await rl.check('a');
    expect(next).toMatchObject({ allowed: false, scope: 'client' });
    expect((next as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    expect((await rl.check('b')).allowed).toBe(true);
  });

  it('applies the global limit across clients, without counting refused requests against it', async () => {
    const rl = new RateLimiter(new MemoryCounterStore(), limits, undefined, at(1_000));
    // Client a is refused twice by its own limit: those do not use global room.
    await burst(rl, ['a', 'a', 'a', 'a', 'a']);
    const rest = await burst(rl, ['b', 'c', 'd']);
    expect(rest.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(rest[2]).toMatchObject({ scope: 'global' });
  });

  it('counts bypassed clients but never refuses them', async () => {
    const store = new MemoryCounterStore();
    const rl = new RateLimiter(store, limits, undefined, at(1_000));
    const d = await burst(rl, Array(10).fill('bench'), true);
    expect(d.every((x) => x.allowed)).toBe(true);
    // The global counter saw them: an ordinary client is now refused.
    expect(await rl.check('z')).toMatchObject({ allowed: false, scope: 'global' });
  });

  it('answers a bypassed client at once, and still counts it in the shared store', async () => {
    const store = new MemoryCounterStore();
    const rl = new RateLimiter(store, limits, undefined, at(1_000), 1, 1);
    const d = rl.check('bench', true);
    expect(d).toEqual({ allowed: true }); // a decision, not a promise to wait for
    const other = new RateLimiter(store, limits, undefined, at(1_000));
    await new Promise((r) => setTimeout(r, 20)); // the batch's round trip
    // Another instance sees the bypassed request in the global counter: 4 more fit, not 5.
    const rest = await burst(other, ['b', 'c', 'd', 'e', 'f']);
    expect(rest.map((x) => x.allowed)).toEqual([true, true, true, true, false]);
  });

  it('sends a batch of allow-listed requests late, unless an ordinary request comes and needs it now', async () => {
    const store = new MemoryCounterStore();
    // Allow-listed counts would wait 60 s: the test ends long before, so only an ordinary request can send them.
    const rl = new RateLimiter(store, limits, undefined, at(1_000), 1, 60_000);
    const other = new RateLimiter(store, limits, undefined, at(1_000));
    expect(await rl.check('p')).toEqual({ allowed: true }); // global 1 (and the limiter has just been to the store)
    for (let i = 0; i < 3; i++) rl.check('bench', true);
    await new Promise((r) => setTimeout(r, 20));
    // Had the three been sent, global would be 1 + 3 + 2 > 5.
    expect(await burst(other, ['x', 'y'])).toEqual([{ allowed: true }, { allowed: true }]);
    // An ordinary request sends them with it, at once: 3 + 3 + 1 > 5, so it is refused — and not after 60 s.
    expect(await rl.check('a')).toMatchObject({ allowed: false, scope: 'global' });
    await rl.close();
  });

  it('sends what is waiting when closed', async () => {
    const store = new MemoryCounterStore();
    const rl = new RateLimiter(store, limits, undefined, at(1_000), 1, 60_000);
    for (let i = 0; i < 5; i++) rl.check('bench', true);
    await rl.close();
    const other = new RateLimiter(store, limits, undefined, at(1_000));
    expect(await other.check('b')).toMatchObject({ allowed: false, scope: 'global' });
  });

  it('shares counters between instances through the store', async () => {
    const store = new MemoryCounterStore();
    const one = new RateLimiter(store, limits, undefined, at(1_000));
    const two = new RateLimiter(store, limits, undefined, at(1_000));
    expect((await one.check('a')).allowed).toBe(true);
    expect((await two.check('a')).allowed).toBe(true);
    expect((await one.check('a')).allowed).toBe(true);
    expect((await two.check('a')).allowed).toBe(false);
  });

  it('slides: the previous window still counts, decaying', async () => {
    const store = new MemoryCounterStore();
    let now = 59_000;
    const rl = new RateLimiter(store, limits, undefined, () => now);
    await burst(rl, ['a', 'a', 'a']);
    now = 61_000; // just into the next window: almost all of the 3 still count
    expect((await rl.check('a')).allowed).toBe(false);
    now = 115_000; // 11/12 through: 3·(1/12) = 0.25 carried, plus the refused request of this window
    expect((await burst(rl, ['a', 'a'])).map((d) => d.allowed)).toEqual([true, false]);
  });

  it('falls back to per-instance counting when the shared store fails, and reports it', async () => {
    const broken: CounterStore = {
      kind: 'broken',
      add: async () => {
        throw new Error('down');
      },
      prune: async () => {},
      close: async () => {},
    };
    const errors: unknown[] = [];
    const rl = new RateLimiter(broken, limits, (e) => errors.push(e), at(1_000));
    const d = await burst(rl, ['a', 'a', 'a', 'a']);
    expect(d.map((x) => x.allowed)).toEqual([true, true, true, false]);
    expect(errors.length).toBe(1);
    expect(rl.storeErrors).toBe(1);
  });
});
