// The auditors' API: entries inside the auditor's jurisdiction (object's or actor's region), filters,
// paging, the Excel export (itself audited), and the integrity check; nobody but auditors gets in.

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../src/server/access/roles.js';
import { buildApp } from '../../src/server/app.js';
import { appendAudit } from '../../src/server/audit/audit-log.js';
import { createSession, insertUser } from '../../src/server/auth/users.repository.js';
import { addDays, todayCst } from '../../src/server/domain/dates.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';

const dialects = await testDialects();

const actor = (username: string, role: Role, region: string): Principal => ({ id: `id-${username}`, username, displayName: username, role, region, orgUscc: null });
const chengduOfficial = actor('chengdu-official', 'official', '510100');
const mianyangOfficial = actor('mianyang-official', 'official', '510700');
const provinceOfficial = actor('province-official', 'official', '510000');
const jinjiangInspector = actor('jinjiang-inspector', 'inspector', '510104');

/** The entries, in order (seq 1..6), and who may see each. */
const ENTRIES = [
  { who: chengduOfficial, action: 'registry.export', objectType: 'certificate', objectId: null, region: '510104' },
  { who: mianyangOfficial, action: 'pii.reveal', objectType: 'person', objectId: 'ref-1', region: '510703' },
  { who: provinceOfficial, action: 'hit.dismiss', objectType: 'hit', objectId: 'R05:abc', region: '510104' },
  { who: null, action: 'auth.login_failed', objectType: null, objectId: null, region: null },
  { who: jinjiangInspector, action: 'auth.login', objectType: null, objectId: null, region: null },
  { who: chengduOfficial, action: 'auth.login', objectType: null, objectId: null, region: '510105' },
] as const;
const VISIBLE = {
  province: [1, 2, 3, 4, 5, 6],
  chengdu: [1, 3, 5, 6],
  jinjiang: [1, 3, 5],
};

describe.each(dialects)('audit log API (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app } = await buildApp({ db: t.db, config: t.config, logger: false }));
    const db = t.db.kysely;
    for (const [key, role, region] of [
      ['province', 'auditor', '510000'],
      ['chengdu', 'auditor', '510100'],
      ['jinjiang', 'auditor', '510104'],
      ['official', 'official', '510000'],
      ['admin', 'admin', '510000'],
    ] as const) {
      const u = await insertUser(db, { username: `${key}-${role}`, displayName: key, role, region, passwordHash: 'x' });
      cookies[key] = `cg_session=${await createSession(db, u.id, 30)}`;
    }
    const before = Number((await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
    expect(before).toBe(0);
    for (const e of ENTRIES)
      await appendAudit(db, e.who ?? { id: null, username: '张*', role: null, region: null }, {
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        region: e.region,
        details: { filters: { category: 'C3' } },
      });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: cookies[who] ? { cookie: cookies[who] } : {} });
  const seqs = async (who: string, query = '') => {
    const res = await get(who, `/api/audit?pageSize=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: number; items: Array<{ seq: number }> };
    expect(body.total).toBe(body.items.length);
    return body.items.map((i) => i.seq).filter((s) => s <= ENTRIES.length);
  };

  it('only auditors may read, export or check the log', async () => {
    for (const url of ['/api/audit', '/api/audit/export', '/api/audit/verify', '/api/audit/actions']) {
      expect((await get('', url)).statusCode, url).toBe(401);
      expect((await get('official', url)).statusCode, url).toBe(403);
      expect((await get('admin', url)).statusCode, url).toBe(403);
    }
  });

  it('shows each auditor the entries whose object or actor lies in the jurisdiction, newest first', async () => {
    expect(await seqs('province')).toEqual([...VISIBLE.province].reverse());
    expect(await seqs('chengdu')).toEqual([...VISIBLE.chengdu].reverse());
    expect(await seqs('jinjiang')).toEqual([...VISIBLE.jinjiang].reverse());
    const res = await get('chengdu', '/api/audit?action=registry.export');
    expect(res.json().items[0]).toMatchObject({
      seq: 1,
      actorName: 'chengdu-official',
      actorRole: 'official',
      action: 'registry.export',
      actionLabel: '导出库数据',
      region: '510104',
      regionName: expect.stringContaining('锦江'),
      details: { filters: { category: 'C3' } },
    });
    expect(res.json().items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by action, action family, actor, object and day; pages', async () => {
    expect(await seqs('province', '&action=auth.login')).toEqual([6, 5]);
    expect(await seqs('province', '&action=auth.')).toEqual([6, 5, 4]);
    expect(await seqs('province', '&actor=chengdu')).toEqual([6, 1]);
    expect(await seqs('province', '&actor=%25')).toEqual([]); // a LIKE wildcard typed is a character
    expect(await seqs('province', '&objectType=hit&objectId=R05:abc')).toEqual([3]);
    expect(await seqs('chengdu', '&action=pii.reveal')).toEqual([]);
    const today = todayCst();
    expect(await seqs('province', `&from=${today}&to=${today}`)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await seqs('province', `&from=${addDays(today, 1)}`)).toEqual([]);
    expect(await seqs('province', `&to=${addDays(today, -1)}`)).toEqual([]);
    const page = (await get('province', '/api/audit?action=auth.&page=2&pageSize=2')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((i: { seq: number }) => i.seq)).toEqual([4]);
  });

  it('refuses a bad day with a Chinese message naming the field, and a reversed range', async () => {
    const bad = await get('province', '/api/audit?from=2025-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('起始日期（from）格式不正确');
    const reversed = await get('province', '/api/audit?from=2025-03-02&to=2025-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toContain('晚于截止日期（to）');
  });

  it('lists the actions in scope with their labels', async () => {
    const res = await get('jinjiang', '/api/audit/actions');
    expect(res.json().items).toEqual([
      { action: 'auth.login', label: '登录' },
      { action: 'hit.dismiss', label: '排除筛查结果' },
      { action: 'registry.export', label: '导出库数据' },
    ]);
  });

  it('exports the scoped, filtered entries to Excel and records the export', async () => {
    const res = await get('chengdu', '/api/audit/export?action=auth.login');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('审计日志-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.slice(0, 6)).toEqual(['序号', '时间（北京时间）', '操作人', '角色', '操作人辖区', '操作']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([6, 5]);
    expect(rows[1]![5]).toBe('登录');

    const last = await t.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'audit.export', actor_name: 'chengdu-auditor', actor_role: 'auditor', actor_region: '510100', region: '510100' });
    expect(JSON.parse(last.details)).toEqual({ filters: { action: 'auth.login' } });
    // The Chengdu auditor sees their own export; the Jinjiang auditor does not.
    expect((await get('chengdu', '/api/audit?action=audit.export')).json().total).toBe(1);
    expect((await get('jinjiang', '/api/audit?action=audit.export')).json().total).toBe(0);
  });

  it('checks the chain: whole, then the first break after tampering', async () => {
    const ok = (await get('chengdu', '/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBreak: null });
    expect(ok.entries).toBeGreaterThanOrEqual(ENTRIES.length + 1);

    const db = t.db.kysely;
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    else await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set action = 'auth.logout' where seq = 3`.execute(db);

    const province = (await get('province', '/api/audit/verify')).json();
    expect(province).toMatchObject({ ok: false, entries: 3, firstBreak: { seq: 3, entry: { seq: 3, action: 'auth.logout' } } });
    expect(province.firstBreak.reason).toContain('被修改');
    const chengdu = (await get('chengdu', '/api/audit/verify')).json();
    expect(chengdu).toMatchObject({ ok: false, firstBreak: { seq: 3, entry: null } });
  });
});
