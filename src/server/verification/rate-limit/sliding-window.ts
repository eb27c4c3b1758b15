// Sliding-window counting (the "sliding window counter" approximation): a request at fraction f of
// window w is weighed against previous·(1 − f) + current. Pure arithmetic, no clock, no store.

/** How many of `n` requests arriving now fit under `limit`, given the counters before them. */
export function admissible(limit: number, previous: number, currentBefore: number, fraction: number, n: number): number {
  const carried = previous * (1 - fraction);
  const room = Math.floor(limit - carried - currentBefore + 1e-9);
  return Math.max(0, Math.min(n, room));
}

/**
 * Whole seconds until one more request would fit, given the counters after the last request.
 * Inside this window the carried part decays; failing that, the next window starts with `current`
 * as its previous count.
 */
export function retryAfterSeconds(limit: number, previous: number, current: number, fraction: number, windowSeconds: number): number {
  if (previous * (1 - fraction) + current + 1 <= limit) return 0;
  if (current + 1 <= limit && previous > 0) {
    // previous·(1 − f') + current + 1 ≤ limit  ⇒  f' ≥ 1 − (limit − current − 1) / previous
    const f = 1 - (limit - current - 1) / previous;
    return Math.max(1, Math.ceil((f - fraction) * windowSeconds));
  }
  // Next window: current·(1 − f'') + 1 ≤ limit  ⇒  f'' ≥ 1 − (limit − 1) / current
  const next = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
  return Math.max(1, Math.ceil((1 - fraction + next) * windowSeconds));
}

/** The window index and the fraction of it elapsed at `nowMs`. */
export function windowAt(nowMs: number, windowSeconds: number): { win: number; fraction: number } {
  const w = windowSeconds * 1000;
  const win = Math.floor(nowMs / w);
  return { win, fraction: (nowMs - win * w) / w };
}
