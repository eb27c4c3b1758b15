// Audit entries for state changes outside the request/response areas: import jobs and `certguard
// import` completing (counts, no contents), screening runs submitted and finished, signing keys
// rotated, retired and compromised. Each names its actor and object, and the chain stays whole.

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { verifyAuditChain } from '../../src/server/audit/audit-log.js';
import { createSession, insertUser } from '../../src/server/auth/users.repository.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { EMPLOYER, OTHER_EMPLOYER } from './verification-factories.js';

const dialects = await testDialects();
const BIN = fileURLToPath(new URL('../../bin/certguard.mjs', import.meta.url));
const run = promisify(execFile);

const ENTERPRISES_CSV = [
  '统一社会信用代码,企业名称,所在地区划代码,安全生产许可证编号,许可证有效期至,许可证状态',
  `${EMPLOYER.uscc},${EMPLOYER.name},510104,,,`,
  `${OTHER_EMPLOYER.uscc},${OTHER_EMPLOYER.name},510703,,,`,
].join('\r\n');

describe.each(dialects)('audit entries of background work and keys (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  const users: Record<string, { id: string; cookie: string }> = {};

  const entries = (action: string) => t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    for (const [key, role, region] of [
      ['official', 'official', '510100'],
      ['admin', 'admin', '510000'],
    ] as const) {
      const u = await insertUser(t.db.kysely, { username: `events-${key}`, displayName: key, role, region, passwordHash: 'x' });
      users[key] = { id: u.id, cookie: `cg_session=${await createSession(t.db.kysely, u.id, 30)}` };
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('records a console import job completing, with its counts, by its submitter', async () => {
    const file = join(t.dataDir, 'enterprises.csv');
    writeFileSync(file, ENTERPRISES_CSV);
    const job = await ctx.imports.submit([{ path: file, kind: 'enterprises', name: 'enterprises.csv' }], users.official!.id);
    await ctx.imports.whenIdle();
    expect((await ctx.imports.get(job.id))?.status).toBe('succeeded');
    const [e] = await entries('import.completed');
    expect(e).toMatchObject({ actor_name: 'events-official', actor_role: 'official', actor_region: '510100', region: '510100', object_type: 'import_job', object_id: job.id });
    expect(JSON.parse(e!.details)).toMatchObject({ via: 'console', files: 1, filesRejected: 0, read: 2, inserted: 2, byKind: { enterprises: { read: 2, inserted: 2 } } });
    expect(e!.details).not.toContain(EMPLOYER.name);
  });

  it('records `certguard import` completing, as the command line', async () => {
    const file = join(t.dataDir, 'enterprises-again.csv');
    writeFileSync(file, ENTERPRISES_CSV);
    const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent' };
    await run(process.execPath, [BIN, 'import', file, '--kind', 'enterprises'], { env });
    const cli = (await entries('import.completed')).find((e) => JSON.parse(e.details).via === 'cli');
    expect(cli).toMatchObject({ actor_id: null, actor_name: expect.stringMatching(/^cli:/), object_type: null });
    expect(JSON.parse(cli!.details)).toMatchObject({ files: 1, read: 2, unchanged: 2 });
  });

  it('records a screening run submitted and finished', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/screening/runs', headers: { cookie: users.admin!.cookie }, payload: { asOf: '2024-12-31' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const runId = res.json().run.id as string;
    await ctx.screening.whenIdle();
    const [submitted] = await entries('screening.submitted');
    expect(submitted).toMatchObject({ actor_name: 'events-admin', object_type: 'screening_run', object_id: runId });
    expect(JSON.parse(submitted!.details)).toMatchObject({ asOf: '2024-12-31' });
    const [finished] = await entries('screening.finished');
    expect(finished).toMatchObject({ actor_name: 'events-admin', object_id: runId });
    expect(JSON.parse(finished!.details)).toMatchObject({ status: 'succeeded', hitCount: expect.any(Number) });
    expect(finished!.seq).toBeGreaterThan(submitted!.seq);
  });

  it('records signing keys rotated, retired and compromised by the administrator', async () => {
    const post = (url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: { cookie: users.admin!.cookie }, payload });
    const keys = async () => (await app.inject({ method: 'GET', url: '/api/credentials/keys', headers: { cookie: users.admin!.cookie } })).json().items as Array<{ kid: string; status: string }>;
    const first = (await keys()).find((k) => k.status === 'active')!.kid;
    const rotated = await post('/api/credentials/keys/rotate', { note: '年度轮换' });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const second = rotated.json().key.kid as string;
    expect((await post(`/api/credentials/keys/${first}/retire`)).statusCode).toBe(204);
    expect((await post(`/api/credentials/keys/${second}/compromise`, { note: '疑似泄露' })).statusCode).toBe(204);

    const [r] = await entries('credentials.key_rotated');
    expect(r).toMatchObject({ actor_name: 'events-admin', object_type: 'signing_key', object_id: second });
    expect(JSON.parse(r!.details)).toEqual({ note: '年度轮换', previous: [first] });
    const [retired] = await entries('credentials.key_retired');
    expect(retired).toMatchObject({ actor_name: 'events-admin', object_id: first });
    const [compromised] = await entries('credentials.key_compromised');
    expect(compromised).toMatchObject({ actor_name: 'events-admin', object_id: second });
    expect(JSON.parse(compromised!.details)).toMatchObject({ note: '疑似泄露', wasSigning: true, replacement: expect.any(String) });
    // A refused change (retiring the signing key) writes nothing.
    const active = (await keys()).find((k) => k.status === 'active')!.kid;
    expect((await post(`/api/credentials/keys/${active}/retire`)).statusCode).toBe(409);
    expect(await entries('credentials.key_retired')).toHaveLength(1);
  });

  it('leaves a whole chain', async () => {
    expect(await verifyAuditChain(t.db.kysely)).toMatchObject({ ok: true, firstBreak: null });
  });
});
