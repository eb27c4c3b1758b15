// Where the shared rate-limit counters live: Redis when REDIS_URL is set, else the database
// (PostgreSQL table, or for embedded SQLite a side file every instance on the machine opens).
// See docs/decisions/011-verification-rate-limits.md.

import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { join } from 'node:path';
import type { Database } from '../../db/schema.js';

export interface WindowCount {
  /** This window's counter after the addition. */
  current: number;
  /** The previous window's counter. */
  previous: number;
}

export interface CounterStore {
  readonly kind: string;
  /** Atomically add `deltas` to the keys' counters of window `win`; read the previous window's too. */
  add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>>;
  /**
   * Optional: both stages of a batch in one transaction — add the client deltas, ask `then` how much
   * to add to `key`, add it. Stores without it get two `add` calls.
   */
  addThen?(win: number, deltas: Map<string, number>, key: string, then: (counts: Map<string, WindowCount>) => number): Promise<{ counts: Map<string, WindowCount>; second: WindowCount | null }>;
  /** Forget windows before `win`. */
  prune(win: number): Promise<void>;
  close(): Promise<void>;
}

/** Per-process counters: tests, and the fallback while the shared store is unreachable. */
export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory';
  private counts = new Map<string, number>();

  async add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>> {
    const out = new Map<string, WindowCount>();
    for (const [key, d] of deltas) {
      const k = `${win}|${key}`;
      const current = (this.counts.get(k) ?? 0) + d;
      this.counts.set(k, current);
      out.set(key, { current, previous: this.counts.get(`${win - 1}|${key}`) ?? 0 });
    }
    return out;
  }

  async prune(win: number): Promise<void> {
    for (const k of this.counts.keys()) if (Number(k.slice(0, k.indexOf('|'))) < win) this.counts.delete(k);
  }

  async close(): Promise<void> {}
}

const SIDE_FILE_SCHEMA = `CREATE TABLE IF NOT EXISTS rate_limit_counters (key TEXT NOT NULL, win INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, win)) WITHOUT ROWID`;

/**
 * Embedded SQLite: counters in `ratelimit.db` beside the main database file. A side file because an
 * import holds the main file's write lock for the length of a file, and counters are disposable, so
 * they are written without fsync (synchronous=OFF): an OS crash loses at most the last window.
 */
export class SqliteCounterStore implements CounterStore {
  readonly kind = 'sqlite';
  private conn: BetterSqlite3.Database;
  private upsert: BetterSqlite3.Statement;
  private previous: BetterSqlite3.Statement;
  private addTx: (win: number, deltas: Map<string, number>) => Map<string, WindowCount>;
  private addThenTx: (
    win: number,
    deltas: Map<string, number>,
    key: string,
    then: (counts: Map<string, WindowCount>) => number,
  ) => { counts: Map<string, WindowCount>; second: WindowCount | null };

  constructor(dataDir: string) {
    this.conn = new BetterSqlite3(join(dataDir, 'ratelimit.db'));
    this.conn.pragma('journal_mode = WAL');
    this.conn.pragma('synchronous = OFF');
    this.conn.pragma('busy_timeout = 2000');
    this.conn.exec(SIDE_FILE_SCHEMA);
    this.upsert = this.conn.prepare('INSERT INTO rate_limit_counters (key, win, n) VALUES (?, ?, ?) ON CONFLICT (key, win) DO UPDATE SET n = n + excluded.n RETURNING n');
    this.previous = this.conn.prepare('SELECT n FROM rate_limit_counters WHERE key = ? AND win = ?').pluck();
    const addAll = (win: number, deltas: Map<string, number>) => {
      const out = new Map<string, WindowCount>();
      for (const [key, d] of deltas) {
        const current = (this.upsert.get(key, win, d) as { n: number }).n;
        out.set(key, { current, previous: (this.previous.get(key, win - 1) as number | undefined) ?? 0 });
      }
      return out;
    };
    const tx = this.conn.transaction(addAll);
    this.addTx = (win, deltas) => tx.immediate(win, deltas);
    // One write transaction per batch: a commit costs more than the statements in it.
    const txThen = this.conn.transaction((win: number, deltas: Map<string, number>, key: string, then: (c: Map<string, WindowCount>) => number) => {
      const counts = addAll(win, deltas);
      const n = then(counts);
      return { counts, second: n > 0 ? addAll(win, new Map([[key, n]])).get(key)! : null };
    });
    this.addThenTx = (win, deltas, key, then) => txThen.immediate(win, deltas, key, then);
  }

  async add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>> {
    return this.addTx(win, deltas);
  }

  async addThen(win: number, deltas: Map<string, number>, key: string, then: (counts: Map<string, WindowCount>) => number) {
    return this.addThenTx(win, deltas, key, then);
  }

  async prune(win: number): Promise<void> {
    this.conn.prepare('DELETE FROM rate_limit_counters WHERE win < ?').run(win);
  }

  async close(): Promise<void> {
    this.conn.close();
  }
}

/** PostgreSQL: one multi-row upsert per batch (keys sorted, so concurrent batches lock in one order). */
export class PostgresCounterStore implements CounterStore {
  readonly kind = 'postgres';
  constructor(private db: Kysely<Database>) {}

  async add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>> {
    const keys = [...deltas.keys()].sort();
    const rows = await this.db
      .insertInto('rate_limit_counters')
      .values(keys.map((key) => ({ key, win, n: deltas.get(key)! })))
      .onConflict((oc) => oc.columns(['key', 'win']).doUpdateSet({ n: sql`rate_limit_counters.n + excluded.n` }))
      .returning(['key', 'n'])
      .execute();
    const prev = await this.db.selectFrom('rate_limit_counters').select(['key', 'n']).where('win', '=', win - 1).where('key', 'in', keys).execute();
    const prevBy = new Map(prev.map((r) => [r.key, Number(r.n)]));
    return new Map(rows.map((r) => [r.key, { current: Number(r.n), previous: prevBy.get(r.key) ?? 0 }]));
  }

  async prune(win: number): Promise<void> {
    await this.db.deleteFrom('rate_limit_counters').where('win', '<', win).execute();
  }

  async close(): Promise<void> {}
}

/** The few Redis calls the store makes (ioredis provides them); kept narrow so tests can fake it. */
export interface RedisLike {
  pipeline(): {
    incrby(key: string, n: number): unknown;
    expire(key: string, seconds: number): unknown;
    get(key: string): unknown;
    exec(): Promise<Array<[Error | null, unknown]> | null>;
  };
  quit(): Promise<unknown>;
}

/** Redis: INCRBY per key and window, with an expiry of two windows; one pipeline per batch. */
export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis';
  constructor(
    private redis: RedisLike,
    private prefix: string,
    private windowSeconds: number,
  ) {}

  async add(win: number, deltas: Map<string, number>): Promise<Map<string, WindowCount>> {
    const p = this.redis.pipeline();
    const keys = [...deltas.keys()];
    for (const key of keys) {
      const k = `${this.prefix}rl:${key}:${win}`;
      p.incrby(k, deltas.get(key)!);
      p.expire(k, this.windowSeconds * 2 + 5);
      p.get(`${this.prefix}rl:${key}:${win - 1}`);
    }
    const res = await p.exec();
    if (!res) throw new Error('redis pipeline aborted');
    const out = new Map<string, WindowCount>();
    keys.forEach((key, i) => {
      const [e1, current] = res[i * 3]!;
      const [e3, previous] = res[i * 3 + 2]!;
      if (e1 || e3) throw e1 ?? e3;
      out.set(key, { current: Number(current), previous: Number(previous ?? 0) });
    });
    return out;
  }

  async prune(): Promise<void> {
    // Keys expire by themselves.
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
