// The verification module's long-lived parts for one app instance: the lookup connection, the shared
// rate limiter, the client hasher and the recorder. One per AppContext, closed with the app.

import { Redis } from 'ioredis';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../app.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AnswerCache } from './answer-cache.js';
import { openEventFile } from './event-file.js';
import { addressMatcher, ClientHasher } from './client-address.js';
import { VerificationRecorder } from './recorder.js';
import { MemoryCounterStore, PostgresCounterStore, RedisCounterStore, SqliteCounterStore, type CounterStore } from './rate-limit/counter-store.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { ensureClientSecret, openKyselyEventSink, openVerificationLookup, type VerificationLookup } from './verification.repository.js';

export const BYPASS_HEADER = 'x-certguard-bypass';
/** Answers kept by the answer cache (about 1 KB each). */
const ANSWER_CACHE_ENTRIES = 50_000;

export class VerificationService {
  private constructor(
    readonly lookup: VerificationLookup,
    readonly limiter: RateLimiter,
    readonly hasher: ClientHasher,
    readonly recorder: VerificationRecorder,
    /**
     * Serialized public answers. Kept while the registry's version (SQLite data_version) and the day
     * are unchanged; code that changes certificates may also say so: `answers.invalidateCertificate(certNo)`
     * or `answers.invalidateAll()` (decision 020).
     */
    readonly answers: AnswerCache,
    /** Where recorded events are read: embedded SQLite keeps them in a side file (event-file.ts). */
    readonly events: Kysely<Database>,
    private bypassAddress: (ip: string) => boolean,
    private bypassToken: Buffer | null,
  ) {}

  static async open(ctx: AppContext, log: FastifyBaseLogger): Promise<VerificationService> {
    const { db, config } = ctx;
    const v = config.verification;
    const secret = Buffer.from(await ensureClientSecret(db.kysely, () => randomBytes(32).toString('base64')), 'base64');
    const store = await openCounterStore(ctx, log);
    let lastLogged = 0;
    const limiter = new RateLimiter(store, { windowSeconds: v.rateLimitWindowSeconds, perClient: v.rateLimitPerClient, global: v.rateLimitGlobal }, (e) => {
      if (Date.now() - lastLogged > 60_000) {
        lastLogged = Date.now();
        log.error({ err: e }, `rate-limit store (${store.kind}) failed: counting per instance for now`);
      }
    });
    const lookup = openVerificationLookup(db);
    const eventFile = db.dialect === 'sqlite' && db.sqlitePath ? openEventFile(db.sqlitePath, (e) => log.error({ err: e }, e.message)) : null;
    const sink = eventFile?.sink ?? openKyselyEventSink(db.kysely);
    // The recorder retries every flush (25 ms): one line a minute says it is failing (stats count the rest).
    let lastRecordError = 0;
    const recorder = new VerificationRecorder(sink, { flushMs: v.recordFlushMs, bufferMax: v.recordBufferMax, retentionDays: v.recordRetentionDays }, (e) => {
      if (Date.now() - lastRecordError < 60_000) return;
      lastRecordError = Date.now();
      log.error({ err: e }, 'recording verifications failed; kept in memory for the next attempt');
    });
    return new VerificationService(
      lookup,
      limiter,
      new ClientHasher(secret),
      recorder,
      new AnswerCache(ANSWER_CACHE_ENTRIES),
      eventFile?.kysely ?? db.kysely,
      addressMatcher(v.rateLimitBypass),
      v.rateLimitBypassToken ? Buffer.from(v.rateLimitBypassToken) : null,
    );
  }

  /** The benchmark client (allow-listed address or the bypass token): counted, never refused. */
  private bypassCache = new Map<string, boolean>();

  isBypassed(ip: string, header: string | string[] | undefined): boolean {
    let byAddress = this.bypassCache.get(ip);
    if (byAddress === undefined) {
      byAddress = this.bypassAddress(ip);
      if (this.bypassCache.size > 50_000) this.bypassCache.clear();
      this.bypassCache.set(ip, byAddress);
    }
    if (byAddress) return true;
    if (!this.bypassToken || typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === this.bypassToken.length && timingSafeEqual(given, this.bypassToken);
  }

  async close(): Promise<void> {
    await this.recorder.close();
    await this.limiter.close();
    await this.lookup.close();
  }
}

async function openCounterStore(ctx: AppContext, log: FastifyBaseLogger): Promise<CounterStore> {
  const { config, db } = ctx;
  if (config.redisUrl) {
    const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
    redis.on('error', () => undefined); // reported through the limiter's fallback
    await redis.connect().catch((e: unknown) => log.error({ err: e }, 'Redis is not reachable; rate limits count per instance until it is'));
    return new RedisCounterStore(redis, config.redisPrefix, config.verification.rateLimitWindowSeconds);
  }
  if (db.dialect === 'postgres') return new PostgresCounterStore(db.kysely);
  if (db.dialect === 'sqlite' && db.sqlitePath) return new SqliteCounterStore(dirname(db.sqlitePath));
  return new MemoryCounterStore();
}

const services = new WeakMap<AppContext, Promise<VerificationService>>();

/** The instance's verification service (opened on first use). */
export function verificationServiceOf(ctx: AppContext, log: FastifyBaseLogger): Promise<VerificationService> {
  let s = services.get(ctx);
  if (!s) {
    s = VerificationService.open(ctx, log);
    services.set(ctx, s);
  }
  return s;
}
