// Accounts administration inside one's jurisdiction, and self-registration with county approval,
// on both dialects.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/access/roles.js';
import { buildApp } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { findUserByUsername, insertUser } from '../../src/server/auth/users.repository.js';
import { creditCodeCheckChar } from '../../src/server/domain/credit-code.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';

const PASSWORD = 'correct horse battery';
const dialects = await testDialects();
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
const JINJIANG_ENTERPRISE = { uscc: creditCode('91510104MA61XY2W3'), name: '成都锦江示范建筑有限公司', region: '510104', license_no: '(川)JZ安许证字[2021]004512' };
const MIANYANG_ENTERPRISE = { uscc: creditCode('91510703MA62AB3C4'), name: '绵阳涪城示范建筑有限公司', region: '510703', license_no: '(川)JZ安许证字[2020]001234' };

describe.each(dialects)('accounts and registrations (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  const as = (who: string) => ({ cookie: cookies[who]! });
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });
  const post = (who: string | null, url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers: who ? as(who) : {} });

  async function user(username: string, role: Role, region: string, orgUscc: string | null = null) {
    await insertUser(t.db.kysely, { username, displayName: username, role, region, orgUscc, passwordHash: await hashPassword(PASSWORD) });
    cookies[username] = await login(app, username, PASSWORD);
  }

  beforeAll(async () => {
    // TOTP is covered by auth.test.ts; here it would only slow every login down.
    t = await createTestDb(dialect, { TOTP_REQUIRED_ROLES: '', REGISTRATION_RATE_LIMIT_PER_HOUR: '1000' });
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await t.db.kysely.insertInto('enterprises').values([{ ...JINJIANG_ENTERPRISE, license_expires: '2027-01-01', license_status: '有效' }, { ...MIANYANG_ENTERPRISE, license_expires: '2027-01-01', license_status: '有效' }]).execute();
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    cookies.admin = await login(app, 'admin', PASSWORD);
    await user('chengdu-admin', 'admin', '510100');
    await user('mianyang-admin', 'admin', '510700');
    await user('jinjiang-official', 'official', '510104');
    await user('jinjiang-approver', 'official', '510104');
    await user('qingyang-official', 'official', '510105');
    await user('chengdu-official', 'official', '510100');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lets an administrator create accounts of any role in their jurisdiction and below, with a one-time temporary password', async () => {
    const r = await post('chengdu-admin', '/api/accounts', { username: 'jj-inspector', displayName: '锦江检查员', role: 'inspector', region: '510104' });
    expect(r.statusCode).toBe(201);
    const { account, password } = r.json();
    expect(account).toMatchObject({ username: 'jj-inspector', role: 'inspector', region: '510104', regionName: '锦江区', status: 'active', totpEnrolled: false });
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await findUserByUsername(t.db.kysely, 'jj-inspector'))!.password_hash).toMatch(/^\$argon2id\$/);
    // The temporary password must be replaced at the first login.
    const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jj-inspector', password } });
    expect(first.json()).toEqual({ status: 'password_change', reason: 'reset' });

    const ent = await post('chengdu-admin', '/api/accounts', { username: 'jj-ent', displayName: JINJIANG_ENTERPRISE.name, role: 'enterprise', region: '510104', orgUscc: JINJIANG_ENTERPRISE.uscc.toLowerCase() });
    expect(ent.statusCode).toBe(201);
    expect(ent.json().account.orgUscc).toBe(JINJIANG_ENTERPRISE.uscc);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_name', 'region', 'details']).where('action', '=', 'account.created').execute();
    expect(audit.map((a) => [a.actor_name, a.region])).toEqual([['chengdu-admin', '510104'], ['chengdu-admin', '510104']]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('refuses accounts outside the jurisdiction and bad fields, naming the field, writing nothing', async () => {
    const count = async () => Number((await t.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const cases: Array<[object, string]> = [
      [{ username: 'my-outsider', displayName: '绵阳人员', role: 'official', region: '510700' }, '所属辖区：只能在本辖区'],
      [{ username: 'my-province', displayName: '省级', role: 'admin', region: '510000' }, '所属辖区：只能在本辖区'],
      [{ username: 'nowhere', displayName: '无此地', role: 'official', region: '519999' }, '所属辖区：“519999”不是四川省'],
      [{ username: 'x', displayName: '短名', role: 'official', region: '510104' }, '用户名：'],
      [{ username: 'boss', displayName: '老板', role: 'emperor', region: '510104' }, '角色：'],
      [{ username: 'ent-no-code', displayName: '企业', role: 'enterprise', region: '510104' }, '统一社会信用代码：企业和培训考核机构账号必须填写'],
      [{ username: 'ent-bad-code', displayName: '企业', role: 'enterprise', region: '510104', orgUscc: '91510104MA61XY2W30' }, '统一社会信用代码：'],
      [{ username: 'official-code', displayName: '官员', role: 'official', region: '510104', orgUscc: JINJIANG_ENTERPRISE.uscc }, '只有企业和培训考核机构账号绑定单位'],
      [{ username: 'jj-inspector', displayName: '重名', role: 'inspector', region: '510104' }, '用户名：“jj-inspector”已被使用'],
    ];
    for (const [body, message] of cases) {
      const r = await post('chengdu-admin', '/api/accounts', body);
      expect(r.statusCode, message).toBeGreaterThanOrEqual(400);
      expect(r.json().error.message, message).toContain(message);
    }
    expect(await count()).toBe(before);
    // Officials administer no accounts at all.
    expect((await post('chengdu-official', '/api/accounts', { username: 'sneaky', displayName: 'x', role: 'official', region: '510104' })).statusCode).toBe(403);
    expect((await get('chengdu-official', '/api/accounts')).statusCode).toBe(403);
  });

  it('lists only accounts of the jurisdiction; a foreign account answers 404 to every action', async () => {
    const list = async (who: string, query = '') => (await get(who, `/api/accounts?pageSize=200${query}`)).json();
    const chengdu = await list('chengdu-admin');
    const names = chengdu.items.map((a: { username: string }) => a.username);
    expect(names).toContain('jinjiang-official');
    expect(names).toContain('chengdu-admin');
    expect(names).not.toContain('mianyang-admin');
    expect(names).not.toContain('admin');
    expect(chengdu.items.every((a: { region: string }) => a.region.startsWith('5101'))).toBe(true);
    expect(chengdu.total).toBe(chengdu.items.length);
    expect((await list('admin')).items.map((a: { username: string }) => a.username)).toContain('mianyang-admin');
    expect((await list('chengdu-admin', '&region=510104&role=official')).items.map((a: { username: string }) => a.username)).toEqual(['jinjiang-approver', 'jinjiang-official']);

    const mianyang = (await findUserByUsername(t.db.kysely, 'mianyang-admin'))!;
    for (const action of ['disable', 'enable', 'reset']) {
      const r = await post('chengdu-admin', `/api/accounts/${mianyang.id}/${action}`);
      expect(r.statusCode, action).toBe(404);
      expect(r.json()).toEqual({ error: { code: 'not_found', message: '账号不存在' } });
    }
    const unknown = await post('chengdu-admin', '/api/accounts/00000000-0000-0000-0000-000000000000/disable');
    expect(unknown.body).toBe((await post('chengdu-admin', `/api/accounts/${mianyang.id}/disable`)).body);
  });

  it('disables an account (its sessions end, its login says so after the right password), enables it, and resets it', async () => {
    const target = (await findUserByUsername(t.db.kysely, 'jinjiang-official'))!;
    const r = await post('chengdu-admin', `/api/accounts/${target.id}/disable`);
    expect(r.json().account.status).toBe('disabled');
    expect((await get('jinjiang-official', '/api/auth/me')).statusCode).toBe(401);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-official', password: PASSWORD } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('已停用');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-official', password: 'not the password' } });
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect((await post('chengdu-admin', `/api/accounts/${target.id}/disable`)).statusCode).toBe(409);
    expect((await post('chengdu-admin', `/api/accounts/${target.id}/enable`)).json().account.status).toBe('active');
    await login(app, 'jinjiang-official', PASSWORD);

    const reset = await post('chengdu-admin', `/api/accounts/${target.id}/reset`);
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().password;
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-official', password: PASSWORD } })).statusCode).toBe(401);
    const next = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-official', password: temporary } });
    expect(next.json()).toEqual({ status: 'password_change', reason: 'reset' });
    expect((await post('chengdu-admin', `/api/accounts/${(await findUserByUsername(t.db.kysely, 'chengdu-admin'))!.id}/disable`)).json().error.message).toContain('自己');
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', target.id).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['account.disabled', 'account.enabled', 'account.reset']));
  });

  describe('self-registration', () => {
    const register = (over: object = {}) =>
      post(null, '/api/registrations', {
        kind: 'enterprise',
        orgUscc: JINJIANG_ENTERPRISE.uscc,
        licenceNo: '（川）JZ安许证字〔2021〕004512',
        contactName: '王经理',
        contactPhone: '028-12345678',
        username: 'jinjiang-builder',
        password: 'bright yellow tractor',
        ...over,
      });

    it('checks the credit code and licence against the registry and the password rules, naming the field', async () => {
      const cases: Array<[object, string]> = [
        [{ orgUscc: '91510104MA61XY2W30' }, '统一社会信用代码：'],
        [{ orgUscc: creditCode('91510104MA61XY9W9') }, '统一社会信用代码：企业库中没有'],
        [{ licenceNo: '(川)JZ安许证字[2021]009999' }, '安全生产许可证编号：与企业库中该企业登记的编号不一致'],
        [{ licenceNo: '' }, '安全生产许可证编号：企业注册必须填写'],
        [{ password: 'iloveyou1' }, '密码：该密码属于常见弱密码'],
        [{ password: 'jinjiang-builder!' }, '密码：密码不能包含用户名'],
        [{ password: 'my 成都锦江示范建筑有限公司' }, '密码：密码不能包含单位名称'],
        [{ username: 'x y' }, '用户名：'],
        [{ contactName: '  ' }, '联系人姓名：不能为空'],
        [{ kind: 'institution', orgUscc: creditCode('52110105MJ0000001'), orgName: '北京某培训学校' }, '不是四川省的区县'],
        [{ kind: 'institution', orgUscc: creditCode('52510104MJ0000001') }, '机构名称：培训考核机构注册必须填写'],
        [{ username: 'admin' }, '用户名：“admin”已被使用'],
      ];
      for (const [over, message] of cases) {
        const r = await register(over);
        expect(r.statusCode, message).toBeGreaterThanOrEqual(400);
        expect(r.json().error.message, message).toContain(message);
      }
      expect(await t.db.kysely.selectFrom('registrations').selectAll().execute()).toEqual([]);
    });

    it('creates a pending account that cannot log in until the county approves', async () => {
      const r = await register();
      expect(r.statusCode).toBe(201);
      const reg = r.json().registration;
      expect(reg).toMatchObject({ kind: 'enterprise', orgUscc: JINJIANG_ENTERPRISE.uscc, orgName: JINJIANG_ENTERPRISE.name, region: '510104', status: 'pending', licenceNo: '(川)JZ安许证字[2021]004512' });
      const pending = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-builder', password: 'bright yellow tractor' } });
      expect(pending.statusCode).toBe(403);
      expect(pending.json().error.message).toContain('待审核');
      // A wrong password gets the same answer as an unknown name: "pending" is said only after the right one.
      const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jinjiang-builder', password: 'wrong password' } });
      expect(wrong.body).toBe((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'no-such-builder', password: 'wrong password' } })).body);

      const ids = async (who: string) => (await get(who, '/api/registrations?status=pending')).json().items.map((i: { id: string }) => i.id);
      expect(await ids('jinjiang-approver')).toEqual([reg.id]);
      expect(await ids('chengdu-official')).toEqual([reg.id]);
      expect(await ids('admin')).toEqual([reg.id]);
      expect(await ids('qingyang-official')).toEqual([]);
      expect(await ids('mianyang-admin')).toEqual([]);
      expect((await post('qingyang-official', `/api/registrations/${reg.id}/approve`)).statusCode).toBe(404);
      expect((await post('mianyang-admin', `/api/registrations/${reg.id}/reject`, { reason: '不属实' })).statusCode).toBe(404);

      const approved = await post('jinjiang-approver', `/api/registrations/${reg.id}/approve`);
      expect(approved.json().registration).toMatchObject({ status: 'approved' });
      expect((await post('jinjiang-approver', `/api/registrations/${reg.id}/approve`)).statusCode).toBe(409);
      const cookie = await login(app, 'jinjiang-builder', 'bright yellow tractor');
      const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().user;
      expect(me).toMatchObject({ role: 'enterprise', region: '510104', orgUscc: JINJIANG_ENTERPRISE.uscc, displayName: JINJIANG_ENTERPRISE.name });
      const actions = (await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_name']).where('object_id', '=', reg.id).orderBy('seq').execute());
      expect(actions).toEqual([
        { action: 'registration.submitted', actor_name: 'j' + '*'.repeat(14) + 'r' },
        { action: 'registration.approved', actor_name: 'jinjiang-approver' },
      ]);
    });

    it('registers an institution by its credit code region, and a rejection needs a reason', async () => {
      const r = await register({ kind: 'institution', orgUscc: creditCode('52510104MJ0000001'), orgName: '锦江安全培训学校', licenceNo: undefined, username: 'jj-school', password: 'seven quiet lanterns' });
      expect(r.statusCode).toBe(201);
      const reg = r.json().registration;
      expect(reg).toMatchObject({ kind: 'institution', region: '510104', orgName: '锦江安全培训学校' });
      const noReason = await post('chengdu-official', `/api/registrations/${reg.id}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('驳回理由');
      const rejected = await post('chengdu-official', `/api/registrations/${reg.id}/reject`, { reason: '机构资质材料不全' });
      expect(rejected.json().registration).toMatchObject({ status: 'rejected', reason: '机构资质材料不全' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jj-school', password: 'seven quiet lanterns' } });
      expect(login.statusCode).toBe(403);
      expect(login.json().error.message).toContain('未通过审核');
      // Enterprises and inspectors approve nothing.
      await user('jj-inspector2', 'inspector', '510104');
      expect((await get('jj-inspector2', '/api/registrations')).statusCode).toBe(403);
    });
  });
});
