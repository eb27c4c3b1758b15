// Inspections (逢查必检) on SQLite and PostgreSQL: a site inspection checks certificates by QR token, by
// typed number + name, or records a person without one; every problem becomes a clue (source
// 'inspection'); institution inspections; jurisdiction scope. Also the fake-website register and check.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { credentialServiceOf } from '../../src/server/credentials/credential-service.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';
import { certificate, creditCode, EMPLOYER, insertCertificates, residentId } from './verification-factories.js';

const dialects = await testDialects();
const PASSWORD = 'test-password-123';

const VALID = certificate({ name: '王建国', cert_no: '川建安C3(2024)4000001' });
const REVOKED = certificate({ name: '李秀英', cert_no: '川建安C3(2024)4000002', status: '吊销' });
const EXPIRED = certificate({ name: '张勇', cert_no: '川建安C3(2021)4000003', expires: '2024-05-31' });
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe.each(dialects)('inspections (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let inspector: string;
  let mianyang: string;
  let admin: string;
  let siteId: string;

  const post = (url: string, payload: unknown, cookie: string) => app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const check = (payload: object) => post(`/api/inspections/${siteId}/checks`, payload, inspector);
  const clueCount = async () => Number((await t.db.kysely.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestDb(dialect);
    await insertCertificates(t.db.kysely, [VALID, REVOKED, EXPIRED]);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    const hash = await hashPassword(PASSWORD);
    await insertUser(t.db.kysely, { username: 'inspector', displayName: '锦江区检查员', role: 'inspector', region: '510104', passwordHash: hash });
    await insertUser(t.db.kysely, { username: 'mianyang', displayName: '绵阳市监管员', role: 'official', region: '510700', passwordHash: hash });
    inspector = await login(app, 'inspector', PASSWORD);
    mianyang = await login(app, 'mianyang', PASSWORD);
    admin = await login(app, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('records a site inspection in the inspector’s own jurisdiction only', async () => {
    const bad = await post('/api/inspections', { kind: 'site', region: '510703', date: TODAY, inspectors: ['甲'], projectName: '某项目' }, inspector);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('检查地区：不在本账号的管辖范围内');
    expect((await post('/api/inspections', { kind: 'site', region: '510104', date: '2999-01-01', inspectors: ['甲'], projectName: '某项目' }, inspector)).json().error.message).toBe(
      '检查日期：不能晚于今天',
    );
    const res = await post(
      '/api/inspections',
      { kind: 'site', region: '510104', date: TODAY, inspectors: ['刘检查', '陈执法'], projectName: '锦江区某住宅项目', orgUscc: EMPLOYER.uscc, orgName: EMPLOYER.name },
      inspector,
    );
    expect(res.statusCode).toBe(200);
    siteId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'site', regionName: '锦江区', inspectors: ['刘检查', '陈执法'] });
  });

  it('finds nothing to report for a valid certificate, by QR or by number', async () => {
    const before = await clueCount();
    const { credential } = await credentialServiceOf(ctx).electronicCertificate(VALID.cert_no, '').then((c) => ({ credential: c }));
    const byQr = (await check({ method: 'qr', scanned: credential.verifyUrl, personName: '王建国' })).json();
    expect(byQr).toMatchObject({ result: 'valid', label: '证书有效', problem: null, clueId: null, certNo: VALID.cert_no, holderName: '王*国' });
    const typed = (await check({ method: 'typed', certNo: ' 川建安C3（2024）4000001 ', personName: '王建国' })).json();
    expect(typed).toMatchObject({ result: 'valid', clueId: null });
    expect(await clueCount()).toBe(before);
  });

  it('turns every problem into a clue: revoked (QR), expired, fake number, mismatch, forged QR, no certificate', async () => {
    const cs = credentialServiceOf(ctx);
    const revokedQr = (await cs.electronicCertificate(REVOKED.cert_no, '')).verifyUrl;
    const results: Array<{ result: string; problem: string | null; clueId: string | null }> = [];
    results.push((await check({ method: 'qr', scanned: revokedQr })).json());
    results.push((await check({ method: 'typed', certNo: EXPIRED.cert_no, personName: '张勇' })).json());
    results.push((await check({ method: 'typed', certNo: '川建安C3(2024)9999999', personName: '赵假' })).json());
    results.push((await check({ method: 'typed', certNo: VALID.cert_no, personName: '冒名者' })).json());
    const validToken = (await cs.electronicCertificate(VALID.cert_no, '')).token;
    const [h, p, s] = validToken.split('.');
    results.push((await check({ method: 'qr', scanned: `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}` })).json());
    results.push((await check({ method: 'none', personName: '周无证', idNo: residentId('51010419950505123'), post: '塔吊司机' })).json());
    expect(results.map((r) => r.result)).toEqual(['revoked', 'expired', 'not_found', 'mismatch', 'bad_qr', 'no_certificate']);
    expect(results.map((r) => r.problem)).toEqual([
      '使用已吊销证书',
      '过期证书上岗',
      '疑似假证（证书库查无此证）',
      '人证不符（持证人与现场人员不一致）',
      '疑似假证（二维码签名无效）',
      '无证上岗',
    ]);
    for (const r of results) expect(r.clueId, r.result).toEqual(expect.any(String));
    const clues = await t.db.kysely.selectFrom('clues').selectAll().where('id', 'in', results.map((r) => r.clueId!)).execute();
    expect(clues.every((c) => c.source === 'inspection')).toBe(true);
    const fake = clues.find((c) => c.id === results[2]!.clueId)!;
    expect(fake.region).toBe('510104'); // not in the registry: the inspected project's region
    expect(fake.details).toContain('锦江区某住宅项目');
    expect(fake.details).not.toContain('赵假');

    // The same fake number found again joins its clue.
    const again = (await check({ method: 'typed', certNo: '川建安C3(2024)9999999', personName: '赵假' })).json();
    expect(again).toMatchObject({ clueId: results[2]!.clueId, clueCreated: false });
    // Bad input names the field.
    expect((await check({ method: 'none', personName: '某人', idNo: '123' })).json().error.message).toContain('身份证号');
    expect((await check({ method: 'qr', scanned: 'https://example.com/' })).statusCode).toBe(400);
  });

  it('checks a QR code on an instance that has not loaded its signing keys yet (no lock held while it does)', async () => {
    const token = (await credentialServiceOf(ctx).electronicCertificate(VALID.cert_no, '')).token;
    const second = await buildApp({ db: t.db, config: t.config, logger: false });
    try {
      const cookie = await login(second.app, 'inspector', PASSWORD);
      const res = await second.app.inject({ method: 'POST', url: `/api/inspections/${siteId}/checks`, headers: { cookie }, payload: { method: 'qr', scanned: token } });
      expect(res.json()).toMatchObject({ result: 'valid' });
    } finally {
      await second.app.close();
    }
  });

  it('lists the inspection with its checks; other cities get 404', async () => {
    const detail = (await get(`/api/inspections/${siteId}`, inspector)).json();
    expect(detail.checks).toHaveLength(10);
    expect(detail.checks.filter((c: { problem: string | null }) => c.problem)).toHaveLength(7);
    const list = (await get('/api/inspections', admin)).json();
    expect(list.items.find((i: { id: string }) => i.id === siteId)).toMatchObject({ checks: 10, problems: 7 });
    expect((await get(`/api/inspections/${siteId}`, mianyang)).statusCode).toBe(404);
    expect((await post(`/api/inspections/${siteId}/checks`, { method: 'typed', certNo: 'X', personName: 'Y' }, mianyang)).statusCode).toBe(404);
    expect((await get('/api/inspections', mianyang)).json().total).toBe(0);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', siteId).execute();
    expect(audit.filter((a) => a.action === 'inspection.check')).toHaveLength(10);
    expect(audit.map((a) => a.details).join()).not.toContain('周无证');
  });

  it('records an institution inspection with call-backs and file checks; findings open a clue on the institution', async () => {
    const institution = creditCode('52510104MJ1234567');
    const bad = await post('/api/inspections', { kind: 'institution', region: '510104', date: TODAY, inspectors: ['甲'], orgName: '某培训学校', callsMade: 10, callsConfirmed: 12 }, inspector);
    expect(bad.json().error.message).toBe('电话回访核实人数：不能多于回访人数');
    const res = await post(
      '/api/inspections',
      {
        kind: 'institution',
        region: '510104',
        date: TODAY,
        inspectors: ['甲', '乙'],
        orgUscc: institution,
        orgName: '锦江区某职业培训学校',
        videoReviewed: true,
        videoNotes: '抽查 3 个班次视频，其中 1 个班次无人上课',
        callsMade: 20,
        callsConfirmed: 12,
        filesChecked: 30,
        fileProblems: 5,
        findings: '8 名学员称未参加培训；5 份档案学时记录与视频不符',
        openClue: true,
      },
      inspector,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'institution', institution: { videoReviewed: true, callsMade: 20, callsConfirmed: 12, filesChecked: 30, fileProblems: 5 }, clueId: expect.any(String) });
    const subjects = await t.db.kysely.selectFrom('clue_subjects').selectAll().where('clue_id', '=', res.json().clueId).execute();
    expect(subjects).toEqual([expect.objectContaining({ kind: 'institution', value: institution })]);
  });
});

describe.each(dialects)('fake websites (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let official: string;

  const post = (url: string, payload: unknown, cookie: string) => app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    await insertUser(t.db.kysely, { username: 'chengdu', displayName: '成都市监管员', role: 'official', region: '510100', passwordHash: await hashPassword(PASSWORD) });
    admin = await login(app, 'admin', PASSWORD);
    official = await login(app, 'chengdu', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('seeds the official register and lets only administrators change it', async () => {
    const hosts = (await app.inject({ method: 'GET', url: '/api/websites/official', headers: { cookie: official } })).json().items.map((d: { host: string }) => d.host);
    expect(hosts).toEqual(expect.arrayContaining(['zlaq.mohurd.gov.cn', 'jst.sc.gov.cn']));
    expect((await post('/api/websites/official', { host: 'zjj.chengdu.gov.cn', name: '成都市住建局' }, official)).statusCode).toBe(403);
    expect((await post('/api/websites/official', { host: 'https://cdzj.chengdu.gov.cn/', name: '成都市住房和城乡建设局' }, admin)).statusCode).toBe(201);
    expect((await post('/api/websites/official', { host: 'cdzj.chengdu.gov.cn', name: '重复' }, admin)).statusCode).toBe(409);
    expect((await post('/api/websites/check', { url: 'cdzj.chengdu.gov.cn/x' }, official)).json()).toMatchObject({ verdict: 'official' });
    expect((await app.inject({ method: 'DELETE', url: '/api/websites/official/cdzj.chengdu.gov.cn', headers: { cookie: admin } })).statusCode).toBe(204);
    expect((await post('/api/websites/check', { url: 'cdzj.chengdu.gov.cn/x' }, official)).json()).toMatchObject({ verdict: 'government' });
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['website.official_add', 'website.official_remove']));
  });

  it('records a reported look-alike with a clue in the jurisdiction', async () => {
    const res = await post('/api/websites/check', { url: 'https://jst-sc-gov.cn/zscx', record: true, region: '510104' }, official);
    expect(res.json()).toMatchObject({ verdict: 'lookalike', verdictText: '疑似仿冒', clueId: expect.any(String) });
    const clue = await t.db.kysely.selectFrom('clues').selectAll().where('id', '=', res.json().clueId).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ region: '510104', subject_type: 'url' });
    expect(clue.summary).toContain('疑似仿冒');
    expect((await post('/api/websites/check', { url: 'https://www.example.com', record: true, region: '510703' }, official)).statusCode).toBe(400);
    const list = (await app.inject({ method: 'GET', url: '/api/websites/reported', headers: { cookie: official } })).json();
    expect(list.items[0]).toMatchObject({ host: 'jst-sc-gov.cn', verdict: 'lookalike' });
  });
});
