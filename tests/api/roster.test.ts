// 企业自查 on SQLite and PostgreSQL: every verdict, Excel and CSV in, Excel out with the original
// columns kept and problem rows highlighted; each check kept as a record (the enterprise lists only its own
// and sees its people in full; officials see their jurisdiction's, masked); the CLI command.

import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { runVerifyRoster } from '../../src/server/roster/verify-roster-command.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login, multipart } from '../support/http.js';
import { certificate, EMPLOYER, insertCertificates, OTHER_EMPLOYER, residentId } from './verification-factories.js';

const dialects = await testDialects();
const PASSWORD = 'test-password-123';

const OK = certificate({ name: '王建国', category: 'C3' });
const EXPIRED = certificate({ name: '李秀英', expires: '2024-05-31' });
const STATES = (['暂扣', '撤销', '注销', '吊销', '失效', '办理转出'] as const).map((status, i) => certificate({ name: `赵${'一二三四五六'[i]}`, status }));
const ELSEWHERE = certificate({ name: '孙丽', employer_uscc: OTHER_EMPLOYER.uscc });
const MISMATCH = certificate({ name: '钱程' });

const HEADER = ['序号', '姓名', '身份证号', '证书编号', '证书类别', '岗位', '聘用单位统一社会信用代码', '进场日期'];
type Line = [string, string, string, string, string, string, string];
const line = (c: { name: string; id_no: string; cert_no: string }, over: Partial<Record<'name' | 'id' | 'no' | 'cat' | 'role' | 'uscc', string>> = {}): Line => [
  over.name ?? c.name,
  over.id ?? c.id_no,
  over.no ?? c.cert_no,
  over.cat ?? '',
  over.role ?? '',
  over.uscc ?? EMPLOYER.uscc,
  '2025-03-01',
];

/** One row per verdict, in the order of the list. */
const ROWS: Array<{ line: Line; verdict: string }> = [
  { line: line(OK, { cat: 'C3', role: '专职安全员' }), verdict: '一致' },
  { line: line({ name: '周八', id_no: residentId('51010419800101111'), cert_no: '川建安B(2024)7777777' }), verdict: '证书不存在' },
  { line: line(MISMATCH, { id: residentId('51010419900202222') }), verdict: '人证不符' },
  { line: line(EXPIRED), verdict: '已过期' },
  ...STATES.map((c) => ({ line: line(c), verdict: c.status })),
  { line: line(ELSEWHERE), verdict: '聘用单位不符' },
  { line: line(OK, { id: OK.id_no.slice(0, 17) + (OK.id_no[17] === '1' ? '2' : '1') }), verdict: '身份证号无效' },
  { line: line(OK, { no: '' }), verdict: '格式错误' },
];
const EXPECTED = ROWS.map((r) => r.verdict);

async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADER);
  ROWS.forEach((r, i) => ws.addRow([i + 1, ...r.line.slice(0, 6), new Date(Date.UTC(2025, 2, 1))]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function rosterCsv(): string {
  return [HEADER, ...ROWS.map((r, i) => [String(i + 1), ...r.line])].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

async function readResult(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { wb, ws, rows };
}

describe.each(dialects)('roster check (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  /** The enterprise (EMPLOYER) checking its own roster. */
  let cookie: string;
  let adminCookie: string;
  let otherCookie: string;

  const upload = (name: string, content: Buffer | string, format = 'json') => {
    const body = multipart([{ name, content }]);
    return app.inject({ method: 'POST', url: `/api/roster/check?format=${format}`, headers: { ...body.headers, cookie }, payload: body.payload });
  };

  beforeAll(async () => {
    t = await createTestDb(dialect);
    await insertCertificates(t.db.kysely, [OK, EXPIRED, ...STATES, ELSEWHERE, MISMATCH]);
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    const hash = await hashPassword(PASSWORD);
    await insertUser(t.db.kysely, { username: 'shuan', displayName: '蜀安建设', role: 'enterprise', region: '510104', orgUscc: EMPLOYER.uscc, passwordHash: hash });
    await insertUser(t.db.kysely, { username: 'fucheng', displayName: '涪城建安', role: 'enterprise', region: '510703', orgUscc: OTHER_EMPLOYER.uscc, passwordHash: hash });
    cookie = await login(app, 'shuan', PASSWORD);
    adminCookie = await login(app, 'admin', PASSWORD);
    otherCookie = await login(app, 'fucheng', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('needs a login (the enterprise sees its people in full)', async () => {
    const body = multipart([{ name: 'r.csv', content: rosterCsv() }]);
    expect((await app.inject({ method: 'POST', url: '/api/roster/check', headers: body.headers, payload: body.payload })).statusCode).toBe(401);
  });

  it('gives every verdict with its reason, from Excel', async () => {
    const res = await upload('名册.xlsx', await rosterXlsx());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rows.map((r: { verdict: string }) => r.verdict)).toEqual(EXPECTED);
    expect(body.total).toBe(ROWS.length);
    expect(body.summary).toMatchObject({ 一致: 1, 证书不存在: 1, 人证不符: 1, 已过期: 1, 暂扣: 1, 撤销: 1, 注销: 1, 吊销: 1, 失效: 1, 办理转出: 1, 聘用单位不符: 1, 身份证号无效: 1, 格式错误: 1 });
    const byVerdict = Object.fromEntries(body.rows.map((r: { verdict: string; note: string }) => [r.verdict, r.note]));
    expect(byVerdict['聘用单位不符']).toContain(OTHER_EMPLOYER.name);
    expect(byVerdict['身份证号无效']).toContain('校验位');
    expect(byVerdict['格式错误']).toContain('证书编号');
    expect(byVerdict['已过期']).toContain('2024-05-31');
    expect(body.fileName).toBe('名册-核验结果.xlsx');

    const dl = await app.inject({ method: 'GET', url: body.downloadUrl, headers: { cookie } });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('名册-核验结果.xlsx'));
    const { rows, ws, wb } = await readResult(dl.rawPayload);
    expect(rows[0]).toEqual([...HEADER, '核验结果', '说明']);
    // Original columns as they came (the date stays a date), then the verdict and the reason.
    expect(rows[1]!.slice(0, 4)).toEqual([1, OK.name, OK.id_no, OK.cert_no]);
    expect(rows[1]![7]).toBeInstanceOf(Date);
    expect(rows.slice(1).map((r) => r[8])).toEqual(EXPECTED);
    // Problem rows are filled, the consistent one is not.
    const fillOf = (r: number) => (ws.getRow(r).getCell(2).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
    expect(fillOf(2)).toBeUndefined();
    expect(fillOf(3)).toBe('FFFDE2E1'); // 证书不存在: red
    expect(fillOf(5)).toBe('FFFFF1D6'); // 已过期: amber
    expect(wb.getWorksheet('汇总')).toBeTruthy();
  });

  it('reads a GBK CSV the same way and can answer the workbook directly', async () => {
    const res = await upload('roster.csv', iconv.encode(rosterCsv(), 'gbk'), 'xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { rows } = await readResult(res.rawPayload);
    expect(rows.slice(1).map((r) => r[8])).toEqual(EXPECTED);
    expect(rows[1]![1]).toBe(OK.name);
  });

  it('keeps every check: the enterprise lists only its own and downloads it again; officials see it masked', async () => {
    const mine = await app.inject({ method: 'GET', url: '/api/roster/checks', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as Array<{ id: string; orgUscc: string; fileName: string; total: number; downloadUrl: string }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((r) => r.orgUscc === EMPLOYER.uscc)).toBe(true);
    expect(items.map((r) => r.fileName)).toContain('名册.xlsx');
    const first = items.find((r) => r.fileName === '名册.xlsx')!;
    expect(first.total).toBe(ROWS.length);

    // Another enterprise sees none of them, and the download of one of them does not exist for it.
    const theirs = await app.inject({ method: 'GET', url: '/api/roster/checks', headers: { cookie: otherCookie } });
    expect(theirs.json()).toMatchObject({ total: 0, items: [] });
    const foreign = await app.inject({ method: 'GET', url: first.downloadUrl, headers: { cookie: otherCookie } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(OK.name);

    // The enterprise's own download again: in full.
    const again = await app.inject({ method: 'GET', url: first.downloadUrl, headers: { cookie } });
    expect(again.statusCode).toBe(200);
    expect((await readResult(again.rawPayload)).rows[1]!.slice(1, 3)).toEqual([OK.name, OK.id_no]);

    // The province sees the enterprise's checks; the workbook it gets is masked.
    const official = await app.inject({ method: 'GET', url: '/api/roster/checks', headers: { cookie: adminCookie } });
    expect(official.json().items.map((r: { id: string }) => r.id)).toContain(first.id);
    const masked = await app.inject({ method: 'GET', url: first.downloadUrl, headers: { cookie: adminCookie } });
    expect(masked.statusCode).toBe(200);
    const { rows } = await readResult(masked.rawPayload);
    expect(rows[1]!.slice(1, 3)).toEqual(['王*国', OK.id_no.slice(0, 3) + '*'.repeat(11) + OK.id_no.slice(-4)]);
    expect(JSON.stringify(rows)).not.toContain(OK.id_no);
  });

  it('says which required column is missing, and refuses other file types', async () => {
    const bad = await upload('r.csv', '姓名,证书编号\n王建国,X\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('身份证号');
    expect((await upload('r.pdf', 'x')).statusCode).toBe(415);
  });

  it('runs as `certguard verify-roster FILE --out RESULT.xlsx`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
    const input = join(dir, '名册.xlsx');
    writeFileSync(input, await rosterXlsx());
    const out = join(dir, 'result.xlsx');
    const lines: string[] = [];
    const code = await runVerifyRoster(t.config, [input, '--out', out], (s) => lines.push(s));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`已核验 ${ROWS.length} 人`);
    const { rows } = await readResult(readFileSync(out));
    expect(rows.slice(1).map((r) => r[8])).toEqual(EXPECTED);
  });
});
