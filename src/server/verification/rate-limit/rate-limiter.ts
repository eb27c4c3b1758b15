// Per-client and global limits on public verification, shared by every app instance through a
// CounterStore. Requests arriving in the same turn of the event loop are decided together with one
// round trip to the store, so the limiter's cost does not grow with the request rate.

import { admissible, retryAfterSeconds, windowAt } from './sliding-window.js';
import { MemoryCounterStore, type CounterStore, type WindowCount } from './counter-store.js';

export interface RateLimits {
  windowSeconds: number;
  perClient: number;
  global: number;
}

export type RateDecision = { allowed: true } | { allowed: false; scope: 'client' | 'global'; retryAfter: number };

interface Pending {
  clientKey: string;
  bypass: boolean;
  resolve: (d: RateDecision) => void;
}

export const GLOBAL_KEY = 'global';
const ALLOWED: RateDecision = Object.freeze({ allowed: true });
const ignore = () => {};

export class RateLimiter {
  private pending: Pending[] = [];
  /** Pending requests that wait for their decision (not allow-listed). */
  private waiting = 0;
  private inFlight = false;
  private scheduled = false;
  private scheduledUrgent = false;
  private cancel: (() => void) | null = null;
  private lastPrune = 0;
  private lastFlushAt = -Infinity;
  private fallback = new MemoryCounterStore();
  private fallbackUntil = 0;
  /** Shared-store failures since start (the limiter then counts per instance until the store answers). */
  storeErrors = 0;

  constructor(
    private store: CounterStore,
    private limits: RateLimits,
    private onStoreError: (e: unknown) => void = () => {},
    private now: () => number = Date.now,
    /** Under load, at most one store round trip per this many ms (requests wait at most this long). */
    private minGapMs = 1,
    /**
     * A batch of allow-listed requests only (nobody waits for it: they were answered at once) is sent
     * after this many ms, so a steady allow-listed load costs a store commit per 25 ms, not per ms. An
     * ordinary request arriving meanwhile brings the batch forward.
     */
    private countOnlyGapMs = 25,
  ) {}

  get storeKind(): string {
    return this.store.kind;
  }

  /**
   * Count a request of the client and decide. Bypassed clients are counted like everyone else but never
   * refused: their answer is known now, so it is given now (their count joins the next batch and uses
   * global room like any other); everyone else waits for the batch's round trip to the shared store.
   */
  check(clientKey: string, bypass = false): RateDecision | Promise<RateDecision> {
    if (bypass) {
      this.pending.push({ clientKey, bypass, resolve: ignore });
      this.schedule();
      return ALLOWED;
    }
    return new Promise((resolve) => {
      this.pending.push({ clientKey, bypass, resolve });
      this.waiting++;
      this.schedule();
    });
  }

  /**
   * Idle: decide at the end of this turn of the event loop. Busy (the last round trip less than
   * `minGapMs` ago): wait out the gap, so a batch collects the requests of a millisecond and a
   * store commit is shared by many of them rather than paid by each.
   */
  private schedule() {
    if (this.inFlight) return; // the flush under way schedules what arrived meanwhile
    const urgent = this.waiting > 0;
    if (this.scheduled) {
      if (this.scheduledUrgent || !urgent) return;
      this.cancel?.(); // a count-only batch was waiting: someone is waiting now
    }
    this.scheduled = true;
    this.scheduledUrgent = urgent;
    const run = () => {
      this.scheduled = false;
      this.cancel = null;
      this.lastFlushAt = performance.now();
      void this.flush();
    };
    const wait = (urgent ? this.minGapMs : this.countOnlyGapMs) - (performance.now() - this.lastFlushAt);
    if (wait <= 0) {
      const t = setImmediate(run);
      this.cancel = () => clearImmediate(t);
    } else {
      const t = setTimeout(run, wait);
      this.cancel = () => clearTimeout(t);
    }
  }

  private async add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>> {
    if (this.now() >= this.fallbackUntil) {
      try {
        return await this.store.add(win, deltas);
      } catch (e) {
        // Counting per instance beats refusing everyone or admitting everyone; retry the store in 5 s.
        this.storeErrors++;
        this.onStoreError(e);
        this.fallbackUntil = this.now() + 5000;
      }
    }
    return this.fallback.add(win, deltas);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.waiting = 0;
    if (batch.length === 0) return;
    this.inFlight = true;
    try {
      const { windowSeconds, perClient, global } = this.limits;
      const { win, fraction } = windowAt(this.now(), windowSeconds);

      // Stage 1: each client's own counter.
      const deltas = new Map<string, number>();
      for (const p of batch) deltas.set(p.clientKey, (deltas.get(p.clientKey) ?? 0) + 1);
      const passed: Pending[] = [];
      const refused: Array<[Pending, RateDecision]> = [];
      const stage1 = (counts: Map<string, WindowCount>): number => {
        const room = new Map<string, number>();
        for (const [key, c] of counts) room.set(key, admissible(perClient, c.previous, c.current - deltas.get(key)!, fraction, deltas.get(key)!));
        for (const p of batch) {
          const r = room.get(p.clientKey)!;
          room.set(p.clientKey, r - 1);
          if (p.bypass || r > 0) passed.push(p);
          else {
            const c = counts.get(p.clientKey)!;
            refused.push([p, { allowed: false, scope: 'client', retryAfter: retryAfterSeconds(perClient, c.previous, c.current, fraction, windowSeconds) }]);
          }
        }
        return passed.length;
      };
      let g: WindowCount | null;
      if (this.store.addThen && this.now() >= this.fallbackUntil) {
        try {
          g = (await this.store.addThen(win, deltas, GLOBAL_KEY, stage1)).second;
        } catch (e) {
          this.storeErrors++;
          this.onStoreError(e);
          this.fallbackUntil = this.now() + 5000;
          passed.length = 0;
          refused.length = 0;
          stage1(await this.fallback.add(win, deltas));
          g = passed.length ? (await this.fallback.add(win, new Map([[GLOBAL_KEY, passed.length]]))).get(GLOBAL_KEY)! : null;
        }
      } else {
        stage1(await this.add(win, deltas));
        // Stage 2: the global counter, for what the client limits let through.
        g = passed.length ? (await this.add(win, new Map([[GLOBAL_KEY, passed.length]]))).get(GLOBAL_KEY)! : null;
      }
      for (const [p, d] of refused) p.resolve(d);
      if (g) {
        let gRoom = admissible(global, g.previous, g.current - passed.length, fraction, passed.length);
        for (const p of passed) {
          // A bypassed request uses room like any other (it is only never refused).
          const fits = gRoom-- > 0;
          if (p.bypass || fits) p.resolve(ALLOWED);
          else p.resolve({ allowed: false, scope: 'global', retryAfter: retryAfterSeconds(global, g.previous, g.current, fraction, windowSeconds) });
        }
      }

      if (win - this.lastPrune >= 2) {
        this.lastPrune = win;
        await this.store.prune(win - 1).catch(() => undefined);
        await this.fallback.prune(win - 1);
      }
    } catch (e) {
      this.onStoreError(e);
      for (const p of batch) p.resolve(ALLOWED); // no-op for those already decided
    } finally {
      this.inFlight = false;
      if (this.pending.length) this.schedule();
    }
  }

  async close(): Promise<void> {
    if (this.scheduled && !this.inFlight) {
      // Send what is waiting now rather than after its gap.
      this.cancel?.();
      this.scheduled = false;
      this.cancel = null;
      await this.flush();
    }
    while (this.pending.length || this.inFlight) await new Promise((r) => setImmediate(r));
    await this.store.close();
  }
}
