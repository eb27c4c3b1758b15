// Rate limits of public verification: per client and global, 429 with Retry-After, an allow-list for the
// benchmark client, and counters shared by app instances through the database or Redis.

import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, type Db } from '../../src/server/db/database.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { certificate, insertCertificates } from './verification-factories.js';

const dialects = await testDialects();
const CERT = certificate({ name: '王建国' });
const LIMITS = { VERIFY_RATE_LIMIT_WINDOW_SECONDS: '3600', VERIFY_RATE_LIMIT_PER_CLIENT: '5', VERIFY_RATE_LIMIT_GLOBAL: '12' };

async function redisAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(6379, '127.0.0.1');
  });
}
const hasRedis = await redisAvailable();
if (!hasRedis && process.env.CI) throw new Error('Redis is required in CI but 127.0.0.1:6379 does not answer');

const ask = (app: FastifyInstance, ip: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/public/verify', query: { certNo: CERT.cert_no, name: CERT.name }, remoteAddress: ip, headers });

async function statuses(app: FastifyInstance, ip: string, n: number, headers: Record<string, string> = {}) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await ask(app, ip, headers)).statusCode);
  return out;
}

describe.each(dialects)('rate limits (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDb(dialect, { ...LIMITS, VERIFY_RATE_LIMIT_BYPASS: '192.0.2.0/24', VERIFY_RATE_LIMIT_BYPASS_TOKEN: 'bench-token-0123456789' });
    await insertCertificates(t.db.kysely, [CERT]);
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a client past its limit with 429 and Retry-After, and not the others', async () => {
    expect(await statuses(app, '203.0.113.1', 6)).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await ask(app, '203.0.113.1');
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/查询过于频繁，请 \d+ 秒后再试/) });
    expect((await ask(app, '203.0.113.2')).statusCode).toBe(200);
  });

  it('treats an IPv6 /64 as one client', async () => {
    const out = [];
    for (let i = 1; i <= 6; i++) out.push((await ask(app, `2001:db8:aa:bb::${i}`)).statusCode);
    expect(out).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('refuses everyone once the global limit is used up, without counting refused requests against it', async () => {
    // So far 5 + 1 + 5 requests passed the client limits (12 allowed globally).
    expect((await ask(app, '203.0.113.3')).statusCode).toBe(200);
    const r = await ask(app, '203.0.113.4');
    expect(r.statusCode).toBe(429);
    expect(r.json().error.message).toMatch(/当前查询人数较多/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the allow-listed benchmark client through (by address or token), counted but never refused', async () => {
    expect((await statuses(app, '192.0.2.7', 20)).every((s) => s === 200)).toBe(true);
    expect((await statuses(app, '198.51.100.9', 10, { 'x-certguard-bypass': 'bench-token-0123456789' })).every((s) => s === 200)).toBe(true);
    expect((await ask(app, '198.51.100.9', { 'x-certguard-bypass': 'wrong-token-0123456789' })).statusCode).toBe(429);
  });

  it('shares the counters with another instance on the same database', async () => {
    const t2 = await createTestDb(dialect, LIMITS);
    await insertCertificates(t2.db.kysely, [CERT]);
    // Instance B: its own Db handle (own connections) on the same database.
    const otherDb: Db = await openDatabase({ databaseUrl: t2.config.databaseUrl, dataDir: t2.dataDir });
    const a = await buildApp({ db: t2.db, config: t2.config, logger: false });
    const b = await buildApp({ db: otherDb, config: t2.config, logger: false });
    try {
      const seq = [];
      for (let i = 0; i < 6; i++) seq.push((await ask(i % 2 ? b.app : a.app, '203.0.113.50')).statusCode);
      expect(seq).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await a.app.close();
      await b.app.close();
      await otherDb.close();
      await t2.drop();
    }
  });
});

describe.skipIf(!hasRedis)('rate limits in Redis', () => {
  it('are shared by instances whose only common store is Redis', async () => {
    const prefix = `certguard-test-${process.pid}-${Date.now()}:`;
    const env = { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix };
    const ta = await createTestDb('sqlite', env);
    const tb = await createTestDb('sqlite', env);
    // Instances of one installation share the client-hash secret (normally through their one database).
    for (const t of [ta, tb]) {
      await insertCertificates(t.db.kysely, [CERT]);
      await t.db.kysely.insertInto('app_meta').values({ key: 'verification.client_secret', value: Buffer.alloc(32, 7).toString('base64') }).execute();
    }
    const a = await buildApp({ db: ta.db, config: ta.config, logger: false });
    const b = await buildApp({ db: tb.db, config: tb.config, logger: false });
    try {
      const seq = [];
      for (let i = 0; i < 6; i++) seq.push((await ask(i % 2 ? b.app : a.app, '203.0.113.60')).statusCode);
      expect(seq).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await a.app.close();
      await b.app.close();
      await ta.drop();
      await tb.drop();
    }
  });

  it('fall back to per-instance counting, still answering, when Redis is unreachable', async () => {
    const t = await createTestDb('sqlite', { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
    await insertCertificates(t.db.kysely, [CERT]);
    const { app } = await buildApp({ db: t.db, config: t.config, logger: false });
    try {
      expect(await statuses(app, '203.0.113.70', 6)).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await app.close();
      await t.drop();
    }
  });
});
