// Import API on SQLite and PostgreSQL: upload, job progress and report, idempotency, rejections, atomicity.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login, multipart } from '../support/http.js';

const PASSWORD = 'test-password-123';
const dialects = await testDialects();

const HEADER = '证书编号,证书类别,操作类别代码,姓名,身份证号,聘用单位统一社会信用代码,发证机关,发证日期,有效期至,证书状态';
const CERTS = [
  HEADER,
  '川建安B（2021）1052428,B,,张 三,11010519491231002x,91350100M000100Y43,四川省住房和城乡建设厅,2021年3月5日,2024/3/5,01',
  '川建(05)2022000123,TZ,5,李四,510104198006089657,91350100M000100Y43,四川省住房和城乡建设厅,20220101,44927,有效',
  '川建安C1(2023)0000001,c1,,吉克•阿日,51152219941399643X,,四川省住房和城乡建设厅,2023.6.1,2026-06-01,暂扣',
].join('\r\n');

describe.each(dialects)('import API (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    cookie = await login(app, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  async function upload(files: Array<{ name: string; content: Buffer | string }>, fields: Record<string, string> = {}) {
    const body = multipart(files, fields);
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...body.headers, cookie }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().job.id as string;
    await ctx.imports.whenIdle();
    const job = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } });
    expect(job.statusCode).toBe(200);
    return job.json().job;
  }

  it('refuses uploads without a session', async () => {
    const body = multipart([{ name: 'certificates.csv', content: CERTS }]);
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: body.headers, payload: body.payload });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('imports a GBK-free messy CSV, normalising values, and reports counts', async () => {
    const job = await upload([{ name: 'certificates.csv', content: '\ufeff' + CERTS }]);
    expect(job.status).toBe('succeeded');
    expect(job.report.files[0]).toMatchObject({ file: 'certificates.csv', kind: 'certificates', status: 'imported', read: 3, inserted: 3, updated: 0, unchanged: 0, rejectedCount: 0 });
    const list = await app.inject({ method: 'GET', url: '/api/registry/certificates?q=' + encodeURIComponent('川建安B(2021)1052428'), headers: { cookie } });
    const item = list.json().items[0];
    // Officials (the province admin too) see names and ID numbers masked in lists.
    expect(item).toMatchObject({ cert_no: '川建安B(2021)1052428', name: '张*', id_no: '110***********002X', issued: '2021-03-05', expires: '2024-03-05', status: '有效', expired: true });
    const tz = await app.inject({ method: 'GET', url: '/api/registry/certificates?category=TZ', headers: { cookie } });
    expect(tz.json().items[0]).toMatchObject({ operation: '05', expires: '2023-01-01', operation_name: '建筑起重机械司机（塔式起重机）' });
    const c1 = await app.inject({ method: 'GET', url: '/api/registry/certificates?status=' + encodeURIComponent('暂扣'), headers: { cookie } });
    expect(c1.json().items.map((c: { name: string; category: string }) => [c.name, c.category])).toEqual([['吉*·*日', 'C1']]);
  });

  it('changes nothing when the same file comes again, and updates a changed row', async () => {
    const again = await upload([{ name: 'certificates.csv', content: CERTS }]);
    expect(again.report.files[0]).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3 });
    const changed = await upload([{ name: 'certificates.csv', content: CERTS.replace(',暂扣', ',有效') }]);
    expect(changed.report.files[0]).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 2 });
    const summary = await app.inject({ method: 'GET', url: '/api/registry/summary' });
    expect(summary.json().counts.certificates).toBe(3);
  });

  it('rejects a file with bad rows whole, listing row, column and reason', async () => {
    const bad = [HEADER, '川建安A(2024)0000009,A,,王五,510104198006089657,,,2024-02-30,2027-01-01,有效', '川建安A(2024)0000010,D,,赵六,510104198006089657,,,2024-01-01,2027-01-01,有效', '川建安A(2024)0000011,A,,,510104198006089657,,,2024-01-01,2027-01-01,有效'].join('\n');
    const job = await upload([{ name: 'certificates.csv', content: bad }]);
    const f = job.report.files[0];
    expect(f.status).toBe('rejected');
    expect(f.inserted).toBe(0);
    expect(f.rejected).toEqual([
      { row: 2, column: '发证日期', reason: expect.stringContaining('2024-02-30') },
      { row: 3, column: '证书类别', reason: expect.stringContaining('未知的证书类别') },
      { row: 4, column: '姓名', reason: expect.stringContaining('为空') },
    ]);
    const summary = await app.inject({ method: 'GET', url: '/api/registry/summary' });
    expect(summary.json().counts.certificates).toBe(3);
  });

  it('takes the kind from the form when the file name says nothing, and from an XLSX with date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([]);
    ws.addRow(['uscc', 'name', 'region', 'license_no', 'license_expires', 'license_status']);
    ws.addRow(['91350100M000100Y43', '四川测试建设工程有限公司', '510104', '（川）JZ安许证字【2023】007346', new Date(Date.UTC(2026, 2, 5)), '有效']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await upload([{ name: '导出数据.xlsx', content: buf }], { kind: 'enterprises' });
    expect(job.report.files[0]).toMatchObject({ kind: 'enterprises', status: 'imported', inserted: 1 });
    const res = await app.inject({ method: 'GET', url: '/api/registry/enterprises', headers: { cookie } });
    expect(res.json().items[0]).toMatchObject({ license_no: '(川)JZ安许证字[2023]007346', license_expires: '2026-03-05', region_name: '成都市锦江区', uscc_valid: true, certificate_count: 2 });
  });

  it('says why a file of unknown kind is not imported', async () => {
    const job = await upload([{ name: 'data.csv', content: CERTS }]);
    expect(job.report.files[0].status).toBe('rejected');
    expect(job.report.files[0].message).toContain('无法从文件名');
  });

  it('serves the report as Excel and the registry as Excel', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/imports', headers: { cookie } });
    const id = list.json().items[0].id;
    const xlsx = await app.inject({ method: 'GET', url: `/api/imports/${id}/report.xlsx`, headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['导入汇总', '拒绝明细']);
    const exp = await app.inject({ method: 'GET', url: '/api/registry/certificates/export.xlsx?category=B', headers: { cookie } });
    expect(exp.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const rows = wb2.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.length).toBe(2);
    expect(rows[1]![1]).toBe('川建安B(2021)1052428');
  });

  it('shows a person with everything the registry holds', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/registry/persons/51152219941399643X', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().person).toMatchObject({ name: '吉*·*日', id_no: '511***********643X', id_valid: false, birth_date: null });
    // The full record takes a reveal with a stated reason, and the reveal is on the audit log.
    const short = await app.inject({ method: 'POST', url: `/api/registry/persons/${res.json().ref}/reveal`, headers: { cookie }, payload: { reason: '核查' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('理由');
    const revealed = await app.inject({ method: 'POST', url: `/api/registry/persons/${res.json().ref}/reveal`, headers: { cookie }, payload: { reason: '案件调查核对身份' } });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().person).toMatchObject({ name: '吉克·阿日', id_no: '51152219941399643X' });
    const audit = await ctx.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'pii.reveal').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toContain('案件调查核对身份');
    expect(audit[0]!.details).not.toContain('51152219941399643X');
    const missing = await app.inject({ method: 'GET', url: '/api/registry/persons/110105194912310021', headers: { cookie } });
    expect(missing.statusCode).toBe(404);
  });
});
