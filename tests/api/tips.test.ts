// Tips (举报) on SQLite and PostgreSQL: the public form (field errors, nothing written), tracking with code
// and PIN (identical wrong answers, lock), hotline entry by staff, routing to the jurisdiction, scope,
// de-duplication through clues, deadlines, rewards, identity reveal (audited), attachments, websites.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login, multipart } from '../support/http.js';
import { certificate, insertCertificates, OTHER_EMPLOYER, residentId } from './verification-factories.js';

const dialects = await testDialects();
const PASSWORD = 'test-password-123';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const CERT = certificate({ name: '赵六', cert_no: '川建安C3(2024)3000001' });
const MIANYANG_CERT = certificate({ name: '钱七', cert_no: '川建安C3(2024)3000002', employer_uscc: OTHER_EMPLOYER.uscc });

const tip = (over: Record<string, unknown> = {}) => ({
  category: '假证书',
  anonymous: true,
  region: '510104',
  subjectCertNo: CERT.cert_no,
  subjectPersonName: '赵六',
  description: '锦江区某工地安全员赵六使用的证书疑似伪造，现场未能出示原件。',
  pin: '482913',
  ...over,
});

describe.each(dialects)('tips (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let chengdu: string;
  let mianyang: string;

  const post = (url: string, payload: unknown, cookie?: string) => app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const count = async (table: 'tips' | 'clues' | 'audit_log' | 'tip_attachments') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestDb(dialect, { VERIFY_RATE_LIMIT_PER_CLIENT: '100000', VERIFY_RATE_LIMIT_GLOBAL: '1000000' });
    await insertCertificates(t.db.kysely, [CERT, MIANYANG_CERT]);
    await t.db.kysely.updateTable('enterprises').set({ region: '510703' }).where('uscc', '=', OTHER_EMPLOYER.uscc).execute();
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    const hash = await hashPassword(PASSWORD);
    await insertUser(t.db.kysely, { username: 'chengdu', displayName: '成都市监管员', role: 'official', region: '510100', passwordHash: hash });
    await insertUser(t.db.kysely, { username: 'mianyang', displayName: '绵阳市监管员', role: 'official', region: '510700', passwordHash: hash });
    await insertUser(t.db.kysely, { username: 'inspector', displayName: '检查员', role: 'inspector', region: '510100', passwordHash: hash });
    admin = await login(app, 'admin', PASSWORD);
    chengdu = await login(app, 'chengdu', PASSWORD);
    mianyang = await login(app, 'mianyang', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a bad public tip naming every field and reason, and writes nothing', async () => {
    const before = { tips: await count('tips'), clues: await count('clues'), audit: await count('audit_log') };
    const res = await post('/api/public/tips', {
      category: '随便',
      anonymous: false,
      reporterName: '',
      reporterPhone: '12345',
      region: '990000',
      subjectIdNo: '510104198003151230',
      description: '太短',
      pin: '111111',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    const fields = Object.fromEntries(error.fields.map((f: { field: string; reason: string }) => [f.field, f.reason]));
    expect(fields).toMatchObject({
      category: '不是可选的类别',
      reporterName: '实名举报请填写姓名',
      reporterPhone: expect.stringContaining('格式不正确'),
      region: '不是四川省的市州或区县',
      subjectIdNo: expect.stringContaining('身份证号'),
      description: expect.stringContaining('至少写 10 个字'),
      pin: '不能全部是同一个数字',
    });
    expect(error.message).toContain('举报内容：请至少写 10 个字');
    expect(error.message).toContain('查询密码：');
    expect({ tips: await count('tips'), clues: await count('clues'), audit: await count('audit_log') }).toEqual(before);
  });

  it('takes an anonymous public tip: tracking code, who will see it, a clue in the chosen jurisdiction', async () => {
    const res = await post('/api/public/tips', tip());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(body).toMatchObject({ region: '510104', handlingUnit: '锦江区住房和城乡建设局', clueCreated: true });
    expect(body.notice).toContain('只有该部门及其上级部门的办理人员能看到');
    const clue = await t.db.kysely.selectFrom('clues').selectAll().where('id', '=', body.clueId).executeTakeFirstOrThrow();
    expect(clue.source).toBe('tip');
    const stored = await t.db.kysely.selectFrom('tips').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(body.trackingCode.replace(/-/g, ''));
    expect(stored.pin_hash).toMatch(/^\$argon2id\$/);
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('object_id', '=', body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['tip.submit']);
    expect(audit[0]!.details).not.toContain('赵六');
  });

  it('shows progress with code and PIN, answers a wrong code and a wrong PIN identically, locks after five wrong PINs', async () => {
    const { trackingCode } = (await post('/api/public/tips', tip({ subjectCertNo: '川建安C3(2024)3999999' }))).json();
    const ok = await post('/api/public/tips/track', { code: trackingCode.toLowerCase().replace(/-/g, ' '), pin: '482913' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ trackingCode, status: 'handling', statusText: '办理中', handlingUnit: '锦江区住房和城乡建设局', category: '假证书' });
    expect(ok.json().progress).toContain('受理中');

    const wrongPin = await post('/api/public/tips/track', { code: trackingCode, pin: '000001' });
    const wrongCode = await post('/api/public/tips/track', { code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', pin: '482913' });
    const garbage = await post('/api/public/tips/track', { code: 'hello', pin: '482913' });
    expect(wrongPin.statusCode).toBe(404);
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongPin.body).toBe(wrongCode.body);
    expect(garbage.body).toBe(wrongCode.body);
    expect(wrongPin.json().error.message).toBe('查询码或查询密码不正确，请核对后重试');

    for (let i = 0; i < 4; i++) await post('/api/public/tips/track', { code: trackingCode, pin: '000001' });
    const locked = await post('/api/public/tips/track', { code: trackingCode, pin: '482913' });
    expect(locked.statusCode).toBe(404);
    expect(locked.body).toBe(wrongCode.body);
  });

  it('tells the reporter how the clue behind the tip ended', async () => {
    const { trackingCode, clueId } = (await post('/api/public/tips', tip({ subjectCertNo: '川建安C3(2024)3777777' }))).json();
    await t.db.kysely.updateTable('clues').set({ status: 'dismissed', closed_reason: '经核查，证书真实有效', closed_at: new Date().toISOString() }).where('id', '=', clueId).execute();
    const view = (await post('/api/public/tips/track', { code: trackingCode, pin: '482913' })).json();
    expect(view).toMatchObject({ statusText: '不予立案', progress: '不予立案：经核查，证书真实有效' });
  });

  it('lets the reporter and the handling unit exchange messages', async () => {
    const { trackingCode, id } = (await post('/api/public/tips', tip({ subjectCertNo: '川建安C3(2024)3888888' }))).json();
    const sent = await post('/api/public/tips/track/messages', { code: trackingCode, pin: '482913', body: '补充：该人员每周一在工地。' });
    expect(sent.statusCode).toBe(200);
    expect((await post(`/api/tips/${id}/messages`, { body: '已收到，正在核查。' }, chengdu)).statusCode).toBe(204);
    const view = (await post('/api/public/tips/track', { code: trackingCode, pin: '482913' })).json();
    expect(view.messages.map((m: { from: string; body: string }) => `${m.from}:${m.body}`)).toEqual(['我:补充：该人员每周一在工地。', '办理单位:已收到，正在核查。']);
    expect((await post('/api/public/tips/track/messages', { code: trackingCode, pin: '999990', body: 'x' })).statusCode).toBe(404);
  });

  it('lets staff enter a hotline tip; the caller is masked, revealing is audited; scope keeps other cities out', async () => {
    const res = await post(
      '/api/tips',
      tip({ channel: '12350', anonymous: false, reporterName: '孙小美', reporterPhone: '13812341234', pin: undefined, region: undefined, subjectCertNo: MIANYANG_CERT.cert_no }),
      chengdu,
    );
    expect(res.statusCode).toBe(200);
    const entered = res.json();
    // No region chosen: the subject's (the certificate's employer is in Mianyang's Fucheng district).
    expect(entered).toMatchObject({ region: '510703', handlingUnit: '涪城区住房和城乡建设局' });

    const detail = await get(`/api/tips/${entered.id}`, mianyang);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ channel: '12350', channelLabel: '12350 热线', reporterName: '孙*美', reporterPhone: '138****1234', anonymous: false });
    expect(detail.body).not.toContain('孙小美');
    expect(detail.body).not.toContain('13812341234');

    // Chengdu entered the call but the tip belongs to Mianyang: not in Chengdu's list, and "not found".
    expect((await get(`/api/tips/${entered.id}`, chengdu)).statusCode).toBe(404);
    expect((await post(`/api/tips/${entered.id}/reveal`, { reason: '核实举报人身份' }, chengdu)).statusCode).toBe(404);
    const chengduList = (await get('/api/tips?pageSize=200', chengdu)).json();
    expect(chengduList.items.map((i: { id: string }) => i.id)).not.toContain(entered.id);
    expect(chengduList.items.every((i: { region: string }) => i.region.startsWith('5101'))).toBe(true);
    expect((await get('/api/tips?pageSize=200', admin)).json().items.map((i: { id: string }) => i.id)).toContain(entered.id);

    const revealed = await post(`/api/tips/${entered.id}/reveal`, { reason: '回访举报人' }, mianyang);
    expect(revealed.json()).toMatchObject({ reporterName: '孙小美', reporterPhone: '13812341234' });
    const entry = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'pii.reveal').where('object_id', '=', entered.id).executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('mianyang');
    expect(entry.details).toContain('回访举报人');
    expect(entry.details).not.toContain('孙小美');

    // Inspectors do not handle tips.
    const inspector = await login(app, 'inspector', PASSWORD);
    expect((await get('/api/tips', inspector)).statusCode).toBe(403);
    expect((await post('/api/tips', tip({ channel: '12345' }), inspector)).statusCode).toBe(403);
    // Staff entry checks the channel, and the anonymous public cannot use it.
    expect((await post('/api/tips', tip({ channel: 'web' }), chengdu)).json().error.fields).toEqual([{ field: 'channel', reason: '不是可选的渠道' }]);
    expect((await post('/api/tips', tip({ channel: '12350' }))).statusCode).toBe(401);
  });

  it('joins tips on the same subject into one clue', async () => {
    const a = (await post('/api/public/tips', tip({ subjectCertNo: '川建安B(2024)7777777' }))).json();
    const b = (await post('/api/tips', tip({ channel: '12345', subjectCertNo: '川建安B（2024）7777777', pin: undefined }), chengdu)).json();
    expect(b.clueId).toBe(a.clueId);
    expect(b.clueCreated).toBe(false);
    expect((await get(`/api/tips/${b.id}`, chengdu)).json()).toMatchObject({ clueId: a.clueId, clueCreated: false });
  });

  it('keeps a 60-day handling deadline from receipt and a 10-day feedback deadline after closing; overdue ones stand out', async () => {
    const received = new Date(Date.now() - 70 * 86_400_000).toISOString();
    const late = (await post('/api/tips', tip({ channel: '12350', receivedAt: received, subjectCertNo: '川建安B(2024)6666666', pin: undefined }), chengdu)).json();
    const fresh = (await post('/api/tips', tip({ channel: '12350', subjectCertNo: '川建安B(2024)6666667', pin: undefined }), chengdu)).json();
    const lateView = (await get(`/api/tips/${late.id}`, chengdu)).json();
    expect(lateView.receivedAt).toBe(received);
    expect(lateView.overdue).toBe(true);
    expect(lateView.daysLeft).toBe(-10);
    expect((await get(`/api/tips/${fresh.id}`, chengdu)).json()).toMatchObject({ overdue: false, daysLeft: 60 });
    const overdue = (await get('/api/tips?overdue=true&pageSize=200', chengdu)).json().items.map((i: { id: string }) => i.id);
    expect(overdue).toContain(late.id);
    expect(overdue).not.toContain(fresh.id);
    // A receipt time in the future is refused.
    expect((await post('/api/tips', tip({ channel: '12350', receivedAt: new Date(Date.now() + 86_400_000).toISOString() }), chengdu)).json().error.fields).toEqual([
      { field: 'receivedAt', reason: '不能晚于现在' },
    ]);

    expect((await post(`/api/tips/${late.id}/close`, { outcome: '经查属实，已立案查处', valid: true }, chengdu)).statusCode).toBe(204);
    const closed = (await get(`/api/tips/${late.id}`, chengdu)).json();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const due = new Date(Date.parse(today) + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(closed).toMatchObject({ status: 'closed', overdue: false, feedbackDue: due, feedbackAt: null, daysLeft: 10 });
    expect((await post(`/api/tips/${late.id}/close`, { outcome: '再次办结', valid: true }, chengdu)).statusCode).toBe(409);
    await post(`/api/tips/${late.id}/messages`, { body: '您举报的问题经查属实，已依法处理。' }, chengdu);
    expect((await get(`/api/tips/${late.id}`, chengdu)).json()).toMatchObject({ feedbackAt: expect.any(String), daysLeft: null });
  });

  it('rewards the first valid tipster on a subject by the Sichuan rules, and records payment', async () => {
    const first = (await post('/api/tips', tip({ channel: '12350', subjectCertNo: '川建安B(2024)5555555', pin: undefined, receivedAt: new Date(Date.now() - 3_600_000).toISOString() }), chengdu)).json();
    const second = (await post('/api/public/tips', tip({ subjectCertNo: '川建安B(2024)5555555' }))).json();
    expect(second.clueId).toBe(first.clueId);
    for (const id of [first.id, second.id]) await post(`/api/tips/${id}/close`, { outcome: '经查属实，罚款十万元', valid: true }, chengdu);

    const before = (await get(`/api/tips/${first.id}`, chengdu)).json();
    expect(before.rewardSuggestion).toMatchObject({ firstValid: true, suggested: 1000, fineAmount: null });
    const refusedSecond = await post(`/api/tips/${second.id}/reward`, { decision: 'granted', fineAmount: 100_000 }, chengdu);
    expect(refusedSecond.statusCode).toBe(409);
    expect(refusedSecond.json().error.message).toContain('只奖励第一个有效举报人');

    const granted = await post(`/api/tips/${first.id}/reward`, { decision: 'granted', fineAmount: 100_000 }, chengdu);
    expect(granted.json()).toEqual({ decision: 'granted', fineAmount: 100_000, suggested: 15_000, amount: 15_000 });
    expect((await post(`/api/tips/${first.id}/reward`, { decision: 'granted' }, chengdu)).statusCode).toBe(409);
    expect((await post(`/api/tips/${first.id}/reward/paid`, {}, chengdu)).statusCode).toBe(204);
    expect((await get(`/api/tips/${first.id}`, chengdu)).json().reward).toMatchObject({ decision: 'granted', amount: 15_000, paidAt: expect.any(String) });
    expect((await post(`/api/tips/${second.id}/reward`, { decision: 'refused', reason: '非首个有效举报' }, chengdu)).json()).toMatchObject({ decision: 'refused', amount: 0 });
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', first.id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['tip.enter', 'tip.close', 'tip.reward_decide', 'tip.reward_pay']));
  });

  it('checks a reported website against the official register and tags look-alikes', async () => {
    const res = await post('/api/public/tips', tip({ category: '假冒政府网站', subjectCertNo: undefined, subjectUrl: 'http://zlaq.m0hurd-gov.cn/cx' }));
    expect(res.statusCode).toBe(200);
    const detail = (await get(`/api/tips/${res.json().id}`, chengdu)).json();
    expect(detail.lookalike).toMatchObject({ verdict: 'lookalike', imitates: 'zlaq.mohurd.gov.cn' });
    expect(detail.websites[0]).toMatchObject({ host: 'zlaq.m0hurd-gov.cn', verdict: 'lookalike' });
    const clue = await t.db.kysely.selectFrom('clue_subjects').selectAll().where('clue_id', '=', res.json().clueId).execute();
    expect(clue.map((s) => s.kind)).toEqual(['website']);
    const row = await t.db.kysely.selectFrom('clues').selectAll().where('id', '=', res.json().clueId).executeTakeFirstOrThrow();
    expect(row.summary.startsWith('【疑似仿冒】')).toBe(true);
    expect(JSON.parse(row.details!).lookalike).toMatchObject({ verdict: 'lookalike', imitates: 'zlaq.mohurd.gov.cn' });
    // The console's clue list carries the 疑似仿冒 tag with its reason.
    const listed = (await get('/api/clues?source=tip&pageSize=200', chengdu)).json().items.find((c: { id: string }) => c.id === res.json().clueId);
    expect(listed.lookalike).toMatchObject({ label: '疑似仿冒', host: 'zlaq.m0hurd-gov.cn', imitates: 'zlaq.mohurd.gov.cn' });
    expect(listed.lookalike.reason).toContain('zlaq.mohurd.gov.cn');
    // A fake-website tip must name the site.
    expect((await post('/api/public/tips', tip({ category: '假冒政府网站' }))).json().error.fields).toEqual([{ field: 'subjectUrl', reason: '举报假冒网站请填写网址' }]);
  });

  it('stores photo attachments by hash and refuses other files, writing nothing', async () => {
    const before = { tips: await count('tips'), files: await count('tip_attachments') };
    const bad = multipart([{ name: 'virus.png', content: Buffer.from('MZ this is not a picture') }, { name: 'photo.png', content: PNG }], { tip: JSON.stringify(tip()) });
    const refused = await app.inject({ method: 'POST', url: '/api/public/tips', ...bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'attachments', reason: '“virus.png”不是图片（JPG、PNG、GIF、WEBP）或 PDF 文件' }]);
    expect({ tips: await count('tips'), files: await count('tip_attachments') }).toEqual(before);

    const good = multipart([{ name: '现场照片.png', content: PNG }, { name: 'again.png', content: PNG }], { tip: JSON.stringify(tip({ subjectIdNo: residentId('51010419900101123') })) });
    const res = await app.inject({ method: 'POST', url: '/api/public/tips', ...good });
    expect(res.statusCode).toBe(200);
    const detail = (await get(`/api/tips/${res.json().id}`, chengdu)).json();
    expect(detail.attachments).toHaveLength(1);
    expect(detail.subjectIdNo).toMatch(/^510\*{11}\w{4}$/);
    const file = await get(`/api/tips/${res.json().id}/attachments/${detail.attachments[0].sha256}`, chengdu);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await get(`/api/tips/${res.json().id}/attachments/${detail.attachments[0].sha256}`, mianyang)).statusCode).toBe(404);
  });
});
