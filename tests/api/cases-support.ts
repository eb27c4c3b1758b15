// Shared set-up of the enforcement API tests (cases, decisions, transfers): an app on a fresh database,
// accounts of several jurisdictions, and helpers to open a clue, file it, and act on the case.

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { createTestDb, type DialectName, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';
import { certificate, insertCertificates, OTHER_EMPLOYER } from './verification-factories.js';

export const PASSWORD = 'test-password-123';

/** Accounts: province admin, Chengdu (510100) and Mianyang (510700) officials, two Chengdu inspectors. */
export const ACCOUNTS = [
  { username: 'chengdu', displayName: '成都市执法员', role: 'official', region: '510100' },
  { username: 'chengdu2', displayName: '成都市科长', role: 'official', region: '510100' },
  { username: 'mianyang', displayName: '绵阳市执法员', role: 'official', region: '510700' },
  { username: 'inspector', displayName: '成都检查员甲', role: 'inspector', region: '510100' },
  { username: 'inspector2', displayName: '成都检查员乙', role: 'inspector', region: '510100' },
] as const;
export type AccountName = 'admin' | (typeof ACCOUNTS)[number]['username'];

export interface Env {
  t: TestDb;
  app: FastifyInstance;
  ctx: AppContext;
  cookies: Record<AccountName, string>;
  ids: Record<AccountName, string>;
  close(): Promise<void>;
}

export async function setUp(dialect: DialectName, certs = [certificate()]): Promise<Env> {
  const t = await createTestDb(dialect, { VERIFY_RATE_LIMIT_PER_CLIENT: '100000', VERIFY_RATE_LIMIT_GLOBAL: '1000000' });
  await insertCertificates(t.db.kysely, certs);
  await t.db.kysely.updateTable('enterprises').set({ region: '510703' }).where('uscc', '=', OTHER_EMPLOYER.uscc).execute();
  const { app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false });
  await ensureLocalAdmin(t.db.kysely, PASSWORD);
  const hash = await hashPassword(PASSWORD);
  for (const a of ACCOUNTS) await insertUser(t.db.kysely, { ...a, passwordHash: hash });
  const cookies = {} as Record<AccountName, string>;
  for (const name of ['admin', ...ACCOUNTS.map((a) => a.username)] as AccountName[]) cookies[name] = await login(app, name, PASSWORD);
  const users = await t.db.kysely.selectFrom('users').select(['id', 'username']).execute();
  const ids = Object.fromEntries(users.map((u) => [u.username, u.id])) as Record<AccountName, string>;
  return {
    t,
    app,
    ctx,
    cookies,
    ids,
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

export function client(env: Env) {
  const as = (who: AccountName) => ({
    get: (url: string) => env.app.inject({ method: 'GET', url, headers: { cookie: env.cookies[who] } }),
    post: (url: string, payload: object = {}) => env.app.inject({ method: 'POST', url, headers: { cookie: env.cookies[who] }, payload }),
    put: (url: string, payload: object) => env.app.inject({ method: 'PUT', url, headers: { cookie: env.cookies[who] }, payload }),
  });

  /** A manual clue on a certificate, filed as a case by `who`; returns ids. */
  async function openCase(certNo: string, who: AccountName = 'chengdu', assignee?: AccountName) {
    const clue = await as(who).post('/api/clues', { subjects: [{ kind: 'certificate', value: certNo }], summary: `证书 ${certNo} 疑似挂证` });
    expect(clue.statusCode, clue.body).toBe(201);
    const filed = await as(who).post(`/api/clues/${clue.json().id}/file`, assignee ? { assigneeId: env.ids[assignee] } : {});
    expect(filed.statusCode, filed.body).toBe(201);
    return { clueId: clue.json().id as string, caseId: filed.json().caseId as string };
  }

  async function detail(caseId: string, who: AccountName = 'chengdu') {
    const r = await as(who).get(`/api/cases/${caseId}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().case;
  }

  async function act(caseId: string, action: string, body: object = {}, who: AccountName = 'chengdu', status = 200) {
    const r = await as(who).post(`/api/cases/${caseId}/actions`, { action, ...body });
    expect(r.statusCode, `${action}: ${r.body}`).toBe(status);
    return r.json();
  }

  return { as, openCase, detail, act };
}
