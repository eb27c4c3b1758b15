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
  /** The JSON body, as the route's serializer writes it. */
  body: string;
  result: string;
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

export class AnswerCache {
  private entries = new Map<string, CachedAnswer>();
  private version: number | null = null;
  private day = '';
  /** Moves with every invalidation: an answer looked up before one is not stored after it. */
  private generation = 0;
  readonly stats: AnswerCacheStats = { hits: 0, misses: 0, size: 0, resets: 0 };

  constructor(private capacity: number) {}

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
    // Least recently used goes first: a hit moves to the end.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Store an answer looked up under `ticket` (ignored when an invalidation came in between). */
  set(key: string, answer: CachedAnswer, ticket: number): void {
    if (ticket !== this.generation) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, answer);
    this.stats.size = this.entries.size;
  }

  /** Forget every answer that shows this certificate number (call after changing it). */
  invalidateCertificate(certNo: string): void {
    this.generation++;
    for (const [k, a] of this.entries) if (a.shows.includes(certNo) || a.certNo === certNo) this.entries.delete(k);
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
    this.stats.size = 0;
    this.stats.resets++;
  }
}
