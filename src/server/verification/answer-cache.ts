// Serialized answers of public verification, kept while the registry cannot have changed.
//
// Validity: an entry belongs to one registry version and one day (an answer says "expired" by today's
// date). The version is the lookup's `version()` — on embedded SQLite `PRAGMA data_version` of the
// connection that also writes the recorder's events, so it moves with every commit of any *other*
// connection or process to the database (imports, enforcement decisions, console writes, other
// instances on the file): a status change shows in the very next answer. Where the version cannot be
// read (PostgreSQL: other instances write where this one cannot see), nothing is cached.
//
// Explicit invalidation, for code that changes the registry through a path the version cannot see
// (or that wants to be plain about it): `invalidateCertificate(certNo)` and `invalidateAll()` on
// `VerificationService.answers` — see docs/decisions/020-verification-latency.md.
//
// Identical answers: "no such number" and "wrong name" are cached alike (the same key shape, the same
// frozen body), so a cached and an uncached query differ only by whether that very query was asked
// before — never by whether the number exists.

export interface CachedAnswer {
  /** The JSON body, as the route's serializer writes it, encoded once (UTF-8) so a hit is sent as is. */
  body: Buffer;
  result: string;
  /** The query as the recorder keeps it (name and ID number masked). */
  query: string;
  /** What the recorder keeps (the queried or matched number, its registry). */
  certNo: string | null;
  source: string | null;
  /** Every certificate number the answer shows (for invalidateCertificate). */
  shows: readonly string[];
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  size: number;
  /** Times the whole cache was emptied (registry version or day changed, or invalidateAll). */
  resets: number;
}

/** An entry, whether it was read since the clock hand last passed it, and its place on the clock. */
interface Entry {
  answer: CachedAnswer;
  used: boolean;
  slot: number;
}

/**
 * Eviction is CLOCK ("second chance") rather than strict LRU: a hit only marks its entry, so the hot
 * path neither mutates the map nor allocates. Entries sit on a ring of `capacity` slots; to make room
 * the hand sweeps the ring, clearing marks, and takes the first unmarked entry's slot. (Evicting by
 * iterating the Map from its front instead costs time in proportion to the deletions V8 has not yet
 * compacted: measured tens of µs per insertion once a full cache churns.)
 */
export class AnswerCache {
  private entries = new Map<string, Entry>();
  private ring: Array<string | null>;
  private hand = 0;
  /** Empty slots (never used since the last reset, or freed by an invalidation), used before evicting. */
  private free: number[] = [];
  /** Queries asked once lately (admission: see `offer`). */
  private seenOnce = new Set<string>();
  private version: number | null = null;
  private day = '';
  /** Moves with every invalidation: an answer looked up before one is not stored after it. */
  private generation = 0;
  readonly stats: AnswerCacheStats = { hits: 0, misses: 0, size: 0, resets: 0 };

  constructor(private capacity: number) {
    this.ring = new Array<string | null>(Math.max(0, capacity)).fill(null);
    this.refill();
  }

  private refill() {
    this.free.length = 0;
    for (let slot = this.capacity - 1; slot >= 0; slot--) this.free.push(slot);
  }

  static key(by: 'certNo' | 'idNo', key: string, name: string): string {
    return `${by}\u0000${key}\u0000${name}`;
  }

  /**
   * Make the cache valid for this registry version and day (emptying it when either moved). Returns a
   * ticket for `set`, or null when answers must not be cached (no version, or no capacity).
   */
  sync(version: number | null, day: string): number | null {
    if (version === null || this.capacity <= 0) return null;
    if (version !== this.version || day !== this.day) {
      if (this.entries.size) this.reset();
      this.version = version;
      this.day = day;
    }
    return this.generation;
  }

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    hit.used = true;
    return hit.answer;
  }

  /**
   * Store an answer the second time its query is asked (the first time only the key is remembered).
   * A stream of queries each asked once — someone walking through certificate numbers, or simply many
   * different people — then cannot push out the answers people do ask again and again.
   */
  offer(key: string, answer: CachedAnswer, ticket: number): void {
    if (!this.seenOnce.has(key)) {
      // Aged by emptying: a key must come back within about `capacity` other first-time queries.
      if (this.seenOnce.size >= this.capacity) this.seenOnce.clear();
      this.seenOnce.add(key);
      return;
    }
    this.seenOnce.delete(key);
    this.set(key, answer, ticket);
  }

  /** Store an answer looked up under `ticket` (ignored when an invalidation came in between). */
  set(key: string, answer: CachedAnswer, ticket: number): void {
    if (ticket !== this.generation) return;
    const known = this.entries.get(key);
    if (known) {
      known.answer = answer;
      return;
    }
    const slot = this.freeSlot();
    this.ring[slot] = key;
    this.entries.set(key, { answer, used: false, slot });
    this.stats.size = this.entries.size;
  }

  /** A slot for a new entry: an empty one, or the first unmarked entry's (evicted), clearing marks on the way. */
  private freeSlot(): number {
    const empty = this.free.pop();
    if (empty !== undefined) return empty;
    for (;;) {
      const slot = this.hand;
      this.hand = (slot + 1) % this.capacity;
      const e = this.entries.get(this.ring[slot]!)!;
      if (!e.used) {
        this.entries.delete(this.ring[slot]!);
        return slot;
      }
      e.used = false;
    }
  }

  /** Forget every answer that shows this certificate number (call after changing it). */
  invalidateCertificate(certNo: string): void {
    this.generation++;
    for (const [k, e] of this.entries) {
      if (!e.answer.shows.includes(certNo) && e.answer.certNo !== certNo) continue;
      this.entries.delete(k);
      this.ring[e.slot] = null;
      this.free.push(e.slot);
    }
    this.stats.size = this.entries.size;
  }

  /** Forget everything (call after a change to many certificates, or to enterprises' names). */
  invalidateAll(): void {
    this.generation++;
    this.reset();
    this.version = null;
  }

  private reset() {
    this.entries.clear();
    this.ring.fill(null);
    this.hand = 0;
    this.refill();
    this.stats.size = 0;
    this.stats.resets++;
  }
}
