// Login hardening, on both dialects: argon2id, password rules, TOTP enrolment/login/replay, back-off and
// lockout with identical answers for unknown, known and locked names, CSRF refusal, password max age,
// session cookies and rotation, and the audit entries of each.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { totpCode, totpStep } from '../../src/server/auth/totp.js';
import { findUserByUsername, insertUser } from '../../src/server/auth/users.repository.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { enrolledTotpSecret, login, unusedTotpCode } from '../support/http.js';

const PASSWORD = 'correct horse battery';
const dialects = await testDialects();

async function auditActions(t: TestDb, since = 0) {
  const rows = await t.db.kysely.selectFrom('audit_log').select(['seq', 'action', 'actor_name', 'details']).where('seq', '>', since).orderBy('seq').execute();
  return rows;
}

async function lastSeq(t: TestDb) {
  const r = await t.db.kysely.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  return Number(r.seq);
}

const cookieValue = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

describe.each(dialects)('auth (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const apps: Array<{ app: FastifyInstance; t: TestDb }> = [];

  const post = (a: FastifyInstance, url: string, payload: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    a.inject({ method: 'POST', url, payload, headers, remoteAddress });

  async function otherApp(env: Record<string, string>) {
    const t2 = await createTestDb(dialect, env);
    const built = await buildApp({ db: t2.db, config: t2.config, logger: false });
    apps.push({ app: built.app, t: t2 });
    return { app: built.app, t: t2 };
  }

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    await insertUser(t.db.kysely, { username: 'ent1', displayName: '成都示例建设有限公司', role: 'enterprise', region: '510104', orgUscc: null, passwordHash: await hashPassword(PASSWORD) });
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    for (const o of apps) {
      await o.app.close();
      await o.t.drop();
    }
  });

  it('stores argon2id hashes and re-hashes an old scrypt hash at the next login', async () => {
    expect((await findUserByUsername(t.db.kysely, 'admin'))!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 });
    await insertUser(t.db.kysely, { username: 'legacy', displayName: '旧账号', role: 'enterprise', region: '510104', passwordHash: `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}` });
    expect((await post(app, '/api/auth/login', { username: 'legacy', password: 'wrong password' })).statusCode).toBe(401);
    expect((await findUserByUsername(t.db.kysely, 'legacy'))!.password_hash).toMatch(/^scrypt\$/);
    await login(app, 'legacy', PASSWORD);
    expect((await findUserByUsername(t.db.kysely, 'legacy'))!.password_hash).toMatch(/^\$argon2id\$/);
    await login(app, 'legacy', PASSWORD); // and the new hash verifies
  });

  it('enrols TOTP at the first login of a role that requires it, with a QR and the secret, stored encrypted', async () => {
    const before = await lastSeq(t);
    const first = await post(app, '/api/auth/login', { username: 'admin', password: PASSWORD });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.status).toBe('totp_enrol');
    expect(body.user).toBeUndefined();
    expect(cookieValue(first, 'cg_session')).toBeUndefined();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/.+admin\\?secret=${body.secret}&`));
    expect(body.qrSvg).toMatch(/^<svg/);
    const challenge = `cg_login=${cookieValue(first, 'cg_login')}`;
    // Nothing but the next step works with a challenge.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: challenge } })).statusCode).toBe(401);
    const wrongCode = String((Number(totpCode(body.secret, Date.now())) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await post(app, '/api/auth/login/totp', { code: wrongCode }, { cookie: challenge });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toContain('动态验证码错误');
    const ok = await post(app, '/api/auth/login/totp', { code: totpCode(body.secret, Date.now()) }, { cookie: challenge });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ok', user: { username: 'admin', role: 'admin', region: '510000', orgUscc: null } });
    const stored = (await findUserByUsername(t.db.kysely, 'admin'))!;
    expect(stored.totp_secret_enc).toBeTruthy();
    expect(stored.totp_secret_enc).not.toContain(body.secret);
    const actions = (await auditActions(t, before)).map((r) => r.action);
    expect(actions).toEqual(['auth.login_failed', 'auth.totp_enrolled', 'auth.login']);
  });

  it('asks an enrolled account for its code, refuses a replayed code and a code two steps off', async () => {
    const secret = (await (async () => {
      // Enrol through the helper on a fresh account, so the secret is known here.
      await insertUser(t.db.kysely, { username: 'inspector1', displayName: '执法检查员', role: 'inspector', region: '510104', passwordHash: await hashPassword(PASSWORD) });
      await login(app, 'inspector1', PASSWORD);
      return enrolledTotpSecret('inspector1')!;
    })());
    const start = async () => {
      const r = await post(app, '/api/auth/login', { username: 'inspector1', password: PASSWORD });
      expect(r.json()).toEqual({ status: 'totp' });
      return `cg_login=${cookieValue(r, 'cg_login')}`;
    };
    const code = await unusedTotpCode(secret);
    const c1 = await start();
    expect((await post(app, '/api/auth/login/totp', { code }, { cookie: c1 })).json().status).toBe('ok');
    const c2 = await start();
    const replay = await post(app, '/api/auth/login/totp', { code }, { cookie: c2 });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toContain('已使用');
    const far = totpCode(secret, Date.now(), totpStep(Date.now()) + 3);
    expect((await post(app, '/api/auth/login/totp', { code: far }, { cookie: c2 })).statusCode).toBe(401);
    expect((await post(app, '/api/auth/login/totp', { code: await unusedTotpCode(secret) }, { cookie: c2 })).json().status).toBe('ok');
    // A used challenge is gone.
    expect((await post(app, '/api/auth/login/totp', { code: await unusedTotpCode(secret) }, { cookie: c2 })).statusCode).toBe(401);
  });

  it('needs no TOTP for roles outside TOTP_REQUIRED_ROLES, and none at all when it is empty', async () => {
    expect((await post(app, '/api/auth/login', { username: 'ent1', password: PASSWORD })).json().status).toBe('ok');
    const o = await otherApp({ TOTP_REQUIRED_ROLES: '' });
    await ensureLocalAdmin(o.t.db.kysely, PASSWORD);
    expect((await post(o.app, '/api/auth/login', { username: 'admin', password: PASSWORD })).json()).toMatchObject({ status: 'ok', user: { role: 'admin' } });
  });

  it('refuses weak new passwords with the reason, and ends every other session on a change', async () => {
    await insertUser(t.db.kysely, { username: 'ent2', displayName: '成都示例建设有限公司', role: 'enterprise', region: '510104', passwordHash: await hashPassword(PASSWORD) });
    const mine = await login(app, 'ent2', PASSWORD);
    const other = await login(app, 'ent2', PASSWORD);
    const change = (newPassword: string, currentPassword = PASSWORD) => post(app, '/api/auth/password', { currentPassword, newPassword }, { cookie: mine });
    const cases: Array<[string, string]> = [
      ['short7!', '至少需要 8 个字符'],
      ['qwertyuiop', '常见弱密码'],
      ['Password1', '常见弱密码'],
      ['my ent2 account', '不能包含用户名'],
      ['成都示例建设有限公司2024', '不能包含姓名或名称'],
      ['certguard rocks', '系统名称'],
      ['我爱证盾系统啊啊', '系统名称'],
      ['go sichuan go', '系统名称'],
      ['aaaaaaaaaa', '同一个字符'],
    ];
    for (const [pw, reason] of cases) {
      const r = await change(pw);
      expect(r.statusCode, pw).toBe(400);
      expect(r.json().error.message, pw).toContain(reason);
      expect(r.json().error.message, pw).toMatch(/^新密码：/);
    }
    expect((await change('a long new passphrase', 'not my password')).json().error.message).toContain('当前密码');
    const before = await lastSeq(t);
    const ok = await change('a long new passphrase');
    expect(ok.statusCode).toBe(200);
    const renewed = `cg_session=${cookieValue(ok, 'cg_session')}`;
    expect(renewed).not.toBe(mine);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: mine } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: renewed } })).statusCode).toBe(200);
    expect((await auditActions(t, before)).map((r) => r.action)).toEqual(['auth.password_changed']);
    expect((await findUserByUsername(t.db.kysely, 'ent2'))!.password_hash).toMatch(/^\$argon2id\$/);
    await login(app, 'ent2', 'a long new passphrase');
    expect((await post(app, '/api/auth/login', { username: 'ent2', password: PASSWORD })).statusCode).toBe(401);
  });

  it('answers unknown, known and locked names byte for byte alike: back-off, then lockout', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const o = await otherApp({ LOGIN_BACKOFF_AFTER: '3', LOGIN_LOCKOUT_AFTER: '5', LOGIN_LOCKOUT_MINUTES: '15', TOTP_REQUIRED_ROLES: '' });
    await insertUser(o.t.db.kysely, { username: 'known', displayName: '已知账号', role: 'enterprise', region: '510104', passwordHash: await hashPassword(PASSWORD) });
    const attempt = (username: string, password: string, address: string) => post(o.app, '/api/auth/login', { username, password }, {}, address);
    const answer = (r: LightMyRequestResponse) => ({ status: r.statusCode, body: r.body, cookies: r.cookies.length });

    // The same sequence for each name, from its own address; record every answer.
    const sequence = async (username: string, address: string, lastPassword: string) => {
      const start = Date.now();
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(answer(await attempt(username, 'wrong password ' + i, address)));
      seen.push(answer(await attempt(username, 'wrong password', address))); // 3 failures: wait 1 s
      vi.setSystemTime(start + 1_500);
      seen.push(answer(await attempt(username, 'wrong password 4', address))); // 4th failure: wait 2 s
      seen.push(answer(await attempt(username, 'wrong password', address)));
      vi.setSystemTime(start + 4_000);
      seen.push(answer(await attempt(username, 'wrong password 5', address))); // 5th failure: locked
      seen.push(answer(await attempt(username, lastPassword, address))); // even the right password
      vi.setSystemTime(start);
      return seen;
    };
    const unknown = await sequence('nobody-here', '198.51.100.1', PASSWORD);
    const known = await sequence('known', '198.51.100.2', PASSWORD);
    expect(known).toEqual(unknown);
    expect(unknown.map((a) => a.status)).toEqual([401, 401, 401, 429, 401, 429, 401, 429]);
    expect(JSON.parse(unknown[0]!.body)).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
    expect(JSON.parse(unknown[3]!.body).error.message).toBe('登录失败次数过多，请 1 秒后再试');
    expect(JSON.parse(unknown[7]!.body).error.message).toContain('已暂停登录 15 分钟');
    // Locked, the known account's right password still gets the locked answer; after 15 minutes it logs in.
    vi.setSystemTime(Date.now() + 16 * 60_000);
    expect((await attempt('known', PASSWORD, '198.51.100.2')).json().status).toBe('ok');
    // The failure is recorded with the name masked and never the password.
    const failed = (await o.t.db.kysely.selectFrom('audit_log').select(['actor_name', 'details']).where('action', '=', 'auth.login_failed').execute());
    expect(failed.length).toBeGreaterThan(10);
    expect(failed.map((f) => f.actor_name)).toContain('k***n');
    expect(JSON.stringify(failed)).not.toContain('wrong password');
    expect(JSON.stringify(failed)).not.toContain('nobody-here');
  });

  it('backs off per client address too, whatever the names', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const o = await otherApp({ LOGIN_ADDRESS_BACKOFF_AFTER: '4', LOGIN_ADDRESS_LOCKOUT_AFTER: '6', TOTP_REQUIRED_ROLES: '' });
    await insertUser(o.t.db.kysely, { username: 'known', displayName: '已知账号', role: 'enterprise', region: '510104', passwordHash: await hashPassword(PASSWORD) });
    for (let i = 0; i < 4; i++) expect((await post(o.app, '/api/auth/login', { username: `spray${i}`, password: 'x' }, {}, '203.0.113.9')).statusCode).toBe(401);
    expect((await post(o.app, '/api/auth/login', { username: 'known', password: PASSWORD }, {}, '203.0.113.9')).statusCode).toBe(429);
    expect((await post(o.app, '/api/auth/login', { username: 'known', password: PASSWORD }, {}, '203.0.113.10')).json().status).toBe('ok');
  });

  it('refuses cross-site and form-encoded state changes (CSRF), and accepts same-origin JSON', async () => {
    const cookie = await login(app, 'ent1', PASSWORD);
    const attempt = (headers: Record<string, string>, payload: string | object = { currentPassword: 'x', newPassword: 'y' }) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie, ...headers }, payload });
    const crossSite = await attempt({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.message).toContain('拒绝跨站请求');
    expect((await attempt({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await attempt({ origin: 'https://evil.example' })).statusCode).toBe(403);
    const form = await attempt({ 'content-type': 'application/x-www-form-urlencoded' }, 'currentPassword=x&newPassword=y');
    expect(form.statusCode).toBe(403);
    expect(form.json().error.message).toContain('只接受 JSON');
    expect((await attempt({ 'content-type': 'text/plain' }, '{"currentPassword":"x","newPassword":"y"}')).statusCode).toBe(403);
    // A cross-site logout is refused too: the session lives on.
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    // Our own pages: same-origin fetch metadata and Origin pass (and reach the handler, which checks the password).
    const own = await attempt({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.message).toContain('当前密码');
  });

  it('sets HttpOnly SameSite=Strict session cookies (Secure over https), rotates them at login, and ends them at logout', async () => {
    const first = await post(app, '/api/auth/login', { username: 'ent1', password: PASSWORD });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/cg_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const old = `cg_session=${cookieValue(first, 'cg_session')}`;
    const again = await post(app, '/api/auth/login', { username: 'ent1', password: PASSWORD }, { cookie: old });
    const fresh = `cg_session=${cookieValue(again, 'cg_session')}`;
    expect(fresh).not.toBe(old);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: old } })).statusCode).toBe(401);
    const before = await lastSeq(t);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: fresh } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: fresh } })).statusCode).toBe(401);
    expect((await auditActions(t, before)).map((r) => r.action)).toEqual(['auth.logout']);

    const o = await otherApp({ TRUST_PROXY: 'true', TOTP_REQUIRED_ROLES: '' });
    await ensureLocalAdmin(o.t.db.kysely, PASSWORD);
    const secure = await post(o.app, '/api/auth/login', { username: 'admin', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(String(secure.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('makes a due password the only way on when PASSWORD_MAX_AGE_DAYS is set', async () => {
    const o = await otherApp({ PASSWORD_MAX_AGE_DAYS: '90', TOTP_REQUIRED_ROLES: '' });
    await insertUser(o.t.db.kysely, { username: 'old', displayName: '旧密码账号', role: 'enterprise', region: '510104', passwordHash: await hashPassword(PASSWORD) });
    await insertUser(o.t.db.kysely, { username: 'new', displayName: '新密码账号', role: 'enterprise', region: '510104', passwordHash: await hashPassword(PASSWORD) });
    await o.t.db.kysely.updateTable('users').set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000).toISOString() }).where('username', '=', 'old').execute();
    await o.t.db.kysely.updateTable('users').set({ password_changed_at: new Date(Date.now() - 89 * 86_400_000).toISOString() }).where('username', '=', 'new').execute();
    expect((await post(o.app, '/api/auth/login', { username: 'new', password: PASSWORD })).json().status).toBe('ok');
    const r = await post(o.app, '/api/auth/login', { username: 'old', password: PASSWORD });
    expect(r.json()).toEqual({ status: 'password_change', reason: 'expired' });
    expect(cookieValue(r, 'cg_session')).toBeUndefined();
    const challenge = `cg_login=${cookieValue(r, 'cg_login')}`;
    expect((await o.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: challenge } })).statusCode).toBe(401);
    expect((await post(o.app, '/api/auth/login/totp', { code: '123456' }, { cookie: challenge })).statusCode).toBe(401);
    const weak = await post(o.app, '/api/auth/login/password', { newPassword: '12345678' }, { cookie: challenge });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('常见弱密码');
    const same = await post(o.app, '/api/auth/login/password', { newPassword: PASSWORD }, { cookie: challenge });
    expect(same.json().error.message).toContain('不能与当前密码相同');
    const done = await post(o.app, '/api/auth/login/password', { newPassword: 'spring rain on the roof' }, { cookie: challenge });
    expect(done.json()).toMatchObject({ status: 'ok', user: { username: 'old' } });
    expect((await o.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `cg_session=${cookieValue(done, 'cg_session')}` } })).statusCode).toBe(200);
    expect((await post(o.app, '/api/auth/login', { username: 'old', password: 'spring rain on the roof' })).json().status).toBe('ok');
  });
});

describe.each(dialects)('ADMIN_PASSWORD (%s)', (dialect) => {
  it('resets the administrator when set to a new value: new password, TOTP enrolled anew; the same value changes nothing', async () => {
    const t = await createTestDb(dialect);
    const { app } = await buildApp({ db: t.db, config: t.config, logger: false });
    try {
      await ensureLocalAdmin(t.db.kysely, PASSWORD);
      await login(app, 'admin', PASSWORD);
      const enrolled = (await findUserByUsername(t.db.kysely, 'admin'))!;
      expect(enrolled.totp_secret_enc).toBeTruthy();
      await ensureLocalAdmin(t.db.kysely, PASSWORD);
      expect((await findUserByUsername(t.db.kysely, 'admin'))!).toMatchObject({ password_hash: enrolled.password_hash, totp_secret_enc: enrolled.totp_secret_enc });
      await ensureLocalAdmin(t.db.kysely, 'a brand new admin passphrase');
      expect((await findUserByUsername(t.db.kysely, 'admin'))!.totp_secret_enc).toBeNull();
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'a brand new admin passphrase' } });
      expect(r.json().status).toBe('totp_enrol');
    } finally {
      await app.close();
      await t.drop();
    }
  });
});
