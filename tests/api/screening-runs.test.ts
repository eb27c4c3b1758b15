// Screening runs from the console API, on SQLite and PostgreSQL: background run, summary, hits and
// evidence, judgements, re-runs showing what is new, gone and remaining.

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { importFiles } from '../../src/server/import/import-files.js';
import { datasetFiles } from '../../src/server/import/read-dataset.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';
import { maskIdNo } from '../../src/server/domain/masking.js';

const EXAMPLE = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/spec/example/dataset');
const PASSWORD = 'test-password-123';
const dialects = await testDialects();

describe.each(dialects)('screening runs (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let cookie: string;
  let firstRun: string;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    cookie = await login(app, 'admin', PASSWORD);
    await importFiles(t.db, datasetFiles(EXAMPLE));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie }, payload });

  async function runScreening(body: object = { asOf: '2024-12-31' }) {
    const res = await post('/api/screening/runs', body);
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().run.id as string;
    await ctx.screening.whenIdle();
    const run = (await get(`/api/screening/runs/${id}`)).json().run;
    expect(run.status, run.error).toBe('succeeded');
    return run;
  }

  it('needs a login', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/screening/runs', payload: {} })).statusCode).toBe(401);
  });

  it('refuses a bad date or parameter', async () => {
    expect((await post('/api/screening/runs', { asOf: '2024-02-30' })).statusCode).toBe(400);
    expect((await post('/api/screening/runs', { params: { maxHoursPerDay: -1 } })).statusCode).toBe(400);
  });

  it('runs in the background and keeps parameters and results', async () => {
    const run = await runScreening();
    firstRun = run.id;
    expect(run).toMatchObject({ asOf: '2024-12-31', hitCount: 93, newCount: 93, goneCount: 0, previousRunId: null });
    expect(run.params.minTrainingHours.TZ).toBe(32);
    expect(run.stats.rules).toHaveLength(14);
    const summary = (await get(`/api/screening/runs/${run.id}/summary`)).json();
    expect(summary.byRule.find((r: { rule: string }) => r.rule === 'R05')).toMatchObject({ name: '人社分离', count: 13, new: 13 });
    expect(summary.byCity.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(93);
    expect(summary.byCity.every((c: { city: string | null }) => c.city === null || /^51\d{2}00$/.test(c.city))).toBe(true);
  });

  it('lists hits with filters and shows the evidence of one', async () => {
    const r04 = (await get(`/api/screening/runs/${firstRun}/hits?rule=R04`)).json();
    expect(r04.total).toBe(4);
    expect(r04.items.map((h: { subject: string }) => h.subject)).toContain('川建安B(2021)0000428');
    const someCity = r04.items[0].city;
    const byCity = (await get(`/api/screening/runs/${firstRun}/hits?city=${someCity}`)).json();
    expect(byCity.items.every((h: { city: string }) => h.city === someCity)).toBe(true);
    const detail = (await get(`/api/screening/runs/${firstRun}/hits/R04/${encodeURIComponent('川建安B(2021)0000428')}`)).json();
    expect(detail.hit.reason).toMatch(/项目/);
    const staffing = detail.hit.evidence.filter((e: { kind: string }) => e.kind === 'staffing');
    expect(new Set(staffing.map((e: { row: { project_no: string } }) => e.row.project_no)).size).toBeGreaterThanOrEqual(2);
    expect(detail.hit.evidence[0].kindLabel).toBeTruthy();
  });

  it('dismisses only with a reason, and confirms into a clue', async () => {
    const base = { runId: firstRun, rule: 'R13', subject: '513202196303134040' };
    expect((await post('/api/screening/judgements', { ...base, decision: 'dismissed' })).statusCode).toBe(400);
    const dismissed = await post('/api/screening/judgements', { ...base, decision: 'dismissed', reason: '公安系统核实为历史号码，身份真实' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const again = await post('/api/screening/judgements', { ...base, decision: 'dismissed', reason: '公安系统核实为历史号码，身份真实' });
    expect(again.json().judgement.decided_at).toBe(dismissed.json().judgement.decided_at);
    const open = (await get(`/api/screening/runs/${firstRun}/hits?rule=R13`)).json();
    // A person's ID number is shown masked in lists (it travels as subject_ref).
    expect(open.items.map((h: { subject: string }) => h.subject)).not.toContain(maskIdNo('513202196303134040'));
    const all = (await get(`/api/screening/runs/${firstRun}/hits?rule=R13&judgement=dismissed`)).json();
    expect(all.items.map((h: { subject: string }) => h.subject)).toEqual([maskIdNo('513202196303134040')]);
    expect(JSON.stringify(all)).not.toContain('513202196303134040');

    const confirmed = await post('/api/screening/judgements', { runId: firstRun, rule: 'R01', subject: '川建(05)2023800748', decision: 'confirmed' });
    expect(confirmed.statusCode).toBe(200);
    const clue = await t.db.kysely.selectFrom('clues').selectAll().where('id', '=', confirmed.json().clueId).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ source: 'screening', subject_type: 'cert_no', subject: '川建(05)2023800748', status: 'open' });

    // Both judgements are on record in the audit log (the replay is not), the ID number masked.
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', 'in', ['hit.dismiss', 'hit.confirm']).orderBy('seq').execute();
    expect(audit.map((a) => [a.action, a.object_id, a.actor_name])).toEqual([
      ['hit.dismiss', `R13:${maskIdNo('513202196303134040')}`, 'admin'],
      ['hit.confirm', 'R01:川建(05)2023800748', 'admin'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('513202196303134040');
  });

  it('re-runs: nothing new on the same data, a dismissed hit stays away', async () => {
    const run = await runScreening();
    expect(run).toMatchObject({ hitCount: 93, newCount: 0, goneCount: 0, previousRunId: firstRun });
    const r13 = (await get(`/api/screening/runs/${run.id}/hits?rule=R13`)).json();
    expect(r13.total).toBe(2);
    const summary = (await get(`/api/screening/runs/${run.id}/summary`)).json();
    expect(summary.byRule.find((r: { rule: string }) => r.rule === 'R01').confirmed).toBe(1);
  });

  it('re-runs after new data: gone hits show, and a dismissed hit returns when its evidence changes', async () => {
    const dir = t.dataDir;
    // The fake number now exists in the registry with the presenting person as holder: R01 is gone.
    // The dismissed invalid ID (R13) gets a new certificate: its evidence changes.
    const header = '证书编号,证书类别,操作类别代码,姓名,身份证号,聘用单位统一社会信用代码,发证机关,发证日期,有效期至,证书状态';
    writeFileSync(
      join(dir, 'certificates-update.csv'),
      [header, '川建(05)2023800748,TZ,05,蔡涛丽,513202196303134040,9151140097R5NQ72J0,四川省住房和城乡建设厅,2023-01-01,2026-12-31,有效'].join('\n'),
    );
    const rep = await importFiles(t.db, [{ path: join(dir, 'certificates-update.csv'), kind: 'certificates' }]);
    expect(rep.files[0]!.inserted).toBe(1);
    const run = await runScreening();
    const gone = (await get(`/api/screening/runs/${run.id}/hits?change=gone`)).json();
    expect(gone.items.map((h: { rule: string; subject: string }) => `${h.rule} ${h.subject}`)).toContain('R01 川建(05)2023800748');
    expect(run.goneCount).toBeGreaterThanOrEqual(1);
    const r13 = (await get(`/api/screening/runs/${run.id}/hits?rule=R13`)).json();
    const item = r13.items.find((h: { subject: string }) => h.subject === maskIdNo('513202196303134040'));
    expect(item).toBeTruthy();
    const detail = (await get(`/api/screening/runs/${run.id}/hits/R13/${encodeURIComponent(item.subject_ref)}`)).json();
    expect(detail.hit.evidenceChangedSinceJudgement).toBe(true);
  });

  it('exports hits as Excel', async () => {
    const res = await get(`/api/screening/runs/${firstRun}/export.xlsx?rule=R05`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).slice(1);
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r[1] === 'R05')).toBe(true);
  });
});
