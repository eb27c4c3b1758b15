// Public self-registration is limited per client address (REGISTRATION_RATE_LIMIT_PER_HOUR): every attempt
// counts, the next one gets 429 with Retry-After, other addresses are not affected.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';

const dialects = await testDialects();
// Refused by the registry check (no such enterprise): enough to count as an attempt.
const body = { kind: 'enterprise', orgUscc: '91510104MA61XY2W30', licenceNo: 'x', contactName: '王经理', username: 'rate-limited-builder', password: 'bright yellow tractor' };
const register = (app: FastifyInstance, ip: string) => app.inject({ method: 'POST', url: '/api/registrations', payload: body, remoteAddress: ip });

describe.each(dialects)('registration rate limit (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDb(dialect, { REGISTRATION_RATE_LIMIT_PER_HOUR: '3' });
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers 429 with Retry-After after the configured attempts per address and hour', async () => {
    for (let i = 0; i < 3; i++) expect((await register(app, '198.51.100.7')).statusCode).toBe(400);
    const refused = await register(app, '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2 * 3600); // a sliding window: at most until the next window ends
    expect(refused.json().error.message).toMatch(/^注册申请过于频繁，请 \d+ 分钟后再试$/);
    // Another address is not affected; nothing was registered.
    expect((await register(app, '203.0.113.9')).statusCode).toBe(400);
    expect(await t.db.kysely.selectFrom('registrations').selectAll().execute()).toEqual([]);
  });
});
