// Public verification on SQLite and PostgreSQL: answers, masking, identical no-match answers, recording, signals.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { verificationServiceOf } from '../../src/server/verification/verification-service.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';
import { certificate, EMPLOYER, insertCertificates, residentId } from './verification-factories.js';
import { maskName } from '../../src/server/domain/masking.js';

const dialects = await testDialects();
const PASSWORD = 'test-password-123';

const VALID = certificate({ name: '张三丰', cert_no: '川建安B(2021)1052428', id_no: '11010519491231002X' });
const EXPIRED = certificate({ name: '李秀英', category: 'C3', cert_no: '川建安C3(2021)1003456', expires: '2024-05-31' });
const BY_STATUS = (['暂扣', '撤销', '注销', '失效', '办理转出', '吊销'] as const).map((status, i) => certificate({ name: `赵${'一二三四五六'[i]}`, status }));
const TWO_CHAR = certificate({ name: '张勇', category: 'TZ', operation: '01', cert_no: '川建安TZ(2024)0001234' });
const SHARED = certificate({ name: '吉克·阿日', category: 'TZ', operation: '05', cert_no: 'T' + residentId('51340119880808123'), id_no: residentId('51340119880808123'), source: '应急管理厅' });

describe.each(dialects)('public verification (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;

  const verify = (query: Record<string, string>, remoteAddress = '203.0.113.10') =>
    app.inject({ method: 'GET', url: '/api/public/verify', query, remoteAddress });

  beforeAll(async () => {
    t = await createTestDb(dialect, { VERIFY_RATE_LIMIT_PER_CLIENT: '100000', VERIFY_RATE_LIMIT_GLOBAL: '1000000' });
    await insertCertificates(t.db.kysely, [VALID, EXPIRED, ...BY_STATUS, TWO_CHAR, SHARED]);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers a valid certificate by number and name, masking the holder', async () => {
    const res = await verify({ certNo: VALID.cert_no, name: VALID.name });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ result: 'valid', label: '证书有效' });
    expect(body.certificates).toHaveLength(1);
    expect(body.certificates[0]).toMatchObject({
      result: 'valid',
      certNo: VALID.cert_no,
      kind: '安全生产考核合格证书（三类人员）',
      category: 'B',
      categoryLabel: '项目负责人（B类）',
      holderName: '张*丰',
      holderIdNo: '110***********002X',
      employerName: EMPLOYER.name,
      issuer: '四川省住房和城乡建设厅',
      issued: VALID.issued,
      expires: VALID.expires,
      source: 'own',
    });
    expect(res.body).not.toContain('张三丰');
    expect(res.body).not.toContain(VALID.id_no);
  });

  it('forgives the form of what people type: full-width brackets, spaces, lower-case x', async () => {
    const res = await verify({ certNo: ' 川建安B（2021）1052428 ', name: '张 三丰' });
    expect(res.json().result).toBe('valid');
    const byId = await verify({ idNo: '11010519491231002x', name: '张三丰' });
    expect(byId.json()).toMatchObject({ result: 'valid', certificates: [{ certNo: VALID.cert_no }] });
  });

  it('says expired for a valid certificate past its expiry date', async () => {
    expect((await verify({ certNo: EXPIRED.cert_no, name: EXPIRED.name })).json()).toMatchObject({ result: 'expired', label: '证书已过期' });
  });

  it('answers every registry state', async () => {
    const results = [];
    for (const c of BY_STATUS) results.push((await verify({ certNo: c.cert_no, name: c.name })).json().result);
    expect(results).toEqual(['suspended', 'withdrawn', 'cancelled', 'lapsed', 'transferring', 'revoked']);
  });

  it('masks a two-character name as 张*, and names the operation of a special-operation certificate', async () => {
    const c = (await verify({ certNo: TWO_CHAR.cert_no, name: TWO_CHAR.name })).json().certificates[0];
    expect(c).toMatchObject({ holderName: '张*', kind: '建筑施工特种作业操作资格证书', operationLabel: '建筑电工' });
  });

  it("finds a shared department's certificate keyed by T + ID number, by number or by ID", async () => {
    const byNo = (await verify({ certNo: SHARED.cert_no, name: '吉克•阿日' })).json();
    expect(byNo).toMatchObject({ result: 'valid', certificates: [{ source: 'shared', sourceName: '应急管理厅（部门共享）', holderName: '吉*·*日' }] });
    const byId = (await verify({ idNo: SHARED.id_no, name: SHARED.name })).json();
    expect(byId.certificates[0].certNo).toBe(SHARED.cert_no);
  });

  it('gives byte-identical answers for an unknown number and a known number with another name', async () => {
    const unknown = await verify({ certNo: '川建安B(2021)9999999', name: '张三丰' });
    const wrongName = await verify({ certNo: VALID.cert_no, name: '张三' });
    const unknownId = await verify({ idNo: residentId('51010419900101123'), name: '张三丰' });
    const wrongNameId = await verify({ idNo: VALID.id_no, name: '李四' });
    for (const r of [unknown, wrongName, unknownId, wrongNameId]) {
      expect(r.statusCode).toBe(200);
      expect(r.rawPayload.equals(unknown.rawPayload)).toBe(true);
      const { date: _d, ...headers } = r.headers;
      const { date: _d2, ...h0 } = unknown.headers;
      expect(headers).toEqual(h0);
    }
    expect(unknown.json()).toMatchObject({ result: 'no_match', certificates: [] });
  });

  it('takes no measurably different time for an unknown number and a known number with another name', async () => {
    // Interleaved, many samples, medians compared with a generous bound: the two paths run the same
    // statement (the name is in the WHERE clause) and build the same answer object.
    const unknown = { certNo: '川建安B(2021)9999998', name: '张三丰' };
    const wrongName = { certNo: VALID.cert_no, name: '张三' };
    const a: number[] = [];
    const b: number[] = [];
    const time = async (q: Record<string, string>, into: number[]) => {
      const t0 = process.hrtime.bigint();
      await verify(q);
      into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    };
    for (let i = 0; i < 50; i++) await time(unknown, []); // warm-up
    for (let i = 0; i < 400; i++) {
      if (i % 2) {
        await time(unknown, a);
        await time(wrongName, b);
      } else {
        await time(wrongName, b);
        await time(unknown, a);
      }
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
    const [ma, mb] = [median(a), median(b)];
    expect(Math.abs(ma - mb)).toBeLessThan(Math.max(0.25 * Math.max(ma, mb), 0.1));
  });

  it('refuses malformed queries with 400 whatever the registry holds', async () => {
    expect((await verify({ name: '张三丰' })).statusCode).toBe(400);
    expect((await verify({ certNo: VALID.cert_no })).statusCode).toBe(400);
    expect((await verify({ certNo: VALID.cert_no, idNo: VALID.id_no, name: '张三丰' })).statusCode).toBe(400);
    const badId = await verify({ idNo: '12345', name: '张三丰' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('身份证号');
  });

  it('records every verification with a masked query and hashed client, and no personal data in clear', async () => {
    await verify({ certNo: VALID.cert_no, name: VALID.name, channel: 'web' }, '198.51.100.77');
    await verify({ idNo: VALID.id_no, name: '李四' }, '198.51.100.77');
    const svc = await verificationServiceOf(ctx, app.log);
    await svc.recorder.flush();
    const rows = await svc.events.selectFrom('verification_events').selectAll().where('place_hash', '=', svc.hasher.identify('198.51.100.77').placeHash).execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.channel === 'web')).toMatchObject({ query: `certNo=${VALID.cert_no}&name=张*丰`, result: 'valid', cert_no: VALID.cert_no, source: '' });
    expect(rows.find((r) => r.channel === 'api')).toMatchObject({ query: 'idNo=110***********002X&name=李*', result: 'no_match', cert_no: null });
    const all = JSON.stringify(await svc.events.selectFrom('verification_events').selectAll().execute());
    expect(all).not.toContain('198.51.100.77');
    expect(all).not.toContain('张三丰');
    expect(all).not.toContain(VALID.id_no);
  });

  it('answers 500 when recording a looked-up answer fails, and goes on answering', async () => {
    const svc = await verificationServiceOf(ctx, app.log);
    const record = vi.spyOn(svc.recorder, 'record').mockImplementationOnce(() => {
      throw new Error('recorder failed');
    });
    try {
      // A query asked nowhere else in this file: not in the answer cache, so it is looked up.
      const failed = await verify({ certNo: EXPIRED.cert_no, name: '欧阳未问' });
      expect(failed.statusCode).toBe(500);
      expect(record).toHaveBeenCalledTimes(1);
      const next = await verify({ certNo: EXPIRED.cert_no, name: EXPIRED.name });
      expect(next.statusCode).toBe(200);
      expect(next.json().result).toBe('expired');
    } finally {
      record.mockRestore();
    }
  });

  it('shows officials a certificate checked by many clients from many places', async () => {
    for (let i = 1; i <= 6; i++) await verify({ certNo: TWO_CHAR.cert_no, name: i % 2 ? TWO_CHAR.name : '王五' }, `10.${i}.0.1`);
    const anonymous = await app.inject({ method: 'GET', url: '/api/verification/signals' });
    expect(anonymous.statusCode).toBe(401);
    const cookie = await login(app, 'admin', PASSWORD);
    const res = await app.inject({ method: 'GET', url: '/api/verification/signals', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((s: { certNo: string }) => s.certNo === TWO_CHAR.cert_no);
    // Six here, and one from an earlier test's client.
    expect(item).toMatchObject({ checks: 7, clients: 7, places: 7, noMatch: 3 });
    expect(item.reasons.join('；')).toContain('7 个不同客户端');
    // Officials see the registered holder's name masked.
    expect(item.registered[0]).toMatchObject({ name: maskName(TWO_CHAR.name), status: '有效' });
    // The valid certificate checked by one client is no signal.
    expect(res.json().items.some((s: { certNo: string }) => s.certNo === VALID.cert_no)).toBe(false);
    const events = await app.inject({ method: 'GET', url: `/api/verification/events?certNo=${encodeURIComponent(TWO_CHAR.cert_no)}`, headers: { cookie } });
    expect(events.json().items).toHaveLength(7);
  });
});
