// Public answers follow the registry at once: a status written by another connection (an enforcement
// decision, an import, another instance) shows in the very next answer, cached or not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { verificationServiceOf } from '../../src/server/verification/verification-service.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { certificate, insertCertificates } from './verification-factories.js';

const dialects = await testDialects();

describe.each(dialects)('verification answers follow the registry (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  const CERT = certificate({ name: '周建华' });
  const LATER = certificate({ name: '吴静' });

  const verify = (c: { cert_no: string; name: string }) =>
    app.inject({ method: 'GET', url: '/api/public/verify', query: { certNo: c.cert_no, name: c.name }, remoteAddress: '203.0.113.80' });

  beforeAll(async () => {
    t = await createTestDb(dialect, { VERIFY_RATE_LIMIT_PER_CLIENT: '100000', VERIFY_RATE_LIMIT_GLOBAL: '1000000' });
    await insertCertificates(t.db.kysely, [CERT]);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('shows a revocation written after the answer was given (and cached)', async () => {
    for (let i = 0; i < 3; i++) expect((await verify(CERT)).json().result).toBe('valid');
    await t.db.kysely.updateTable('certificates').set({ status: '吊销' }).where('cert_no', '=', CERT.cert_no).execute();
    expect((await verify(CERT)).json().result).toBe('revoked');
  });

  it('finds a certificate imported after its number was asked for', async () => {
    expect((await verify(LATER)).json().result).toBe('no_match');
    await insertCertificates(t.db.kysely, [LATER]);
    expect((await verify(LATER)).json().result).toBe('valid');
  });

  it('serves repeated queries from the answer cache on SQLite, and forgets on invalidateCertificate', async () => {
    const svc = await verificationServiceOf(ctx, app.log);
    const before = svc.answers.stats.hits;
    // Stored the second time a query is asked (answer-cache offer), served from the third.
    await verify(LATER);
    await verify(LATER);
    await verify(LATER);
    if (dialect === 'sqlite') expect(svc.answers.stats.hits).toBeGreaterThan(before);
    else expect(svc.answers.stats.hits).toBe(before); // PostgreSQL: nothing cached
    svc.answers.invalidateCertificate(LATER.cert_no);
    expect((await verify(LATER)).json().result).toBe('valid');
  });
});
