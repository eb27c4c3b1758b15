// Clues and cases through the console API, on SQLite and PostgreSQL: clue entry, scope and
// de-duplication, 立案 / 不予立案, assignment before action, every transition allowed and refused,
// inspectors' view, stage deadlines and overdue (on an injected clock), evidence files with hashes.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_ACTIONS } from '../../src/server/cases/act-on-case.js';
import { caseClock } from '../../src/server/cases/clock.js';
import { openClueOrMatch } from '../../src/server/clues/clues.repository.js';
import { testDialects } from '../support/databases.js';
import { multipart } from '../support/http.js';
import { client, setUp, type Env } from './cases-support.js';
import { certificate, OTHER_EMPLOYER } from './verification-factories.js';

const dialects = await testDialects();
const CERTS = Array.from({ length: 10 }, () => certificate());
const MIANYANG_CERT = certificate({ employer_uscc: OTHER_EMPLOYER.uscc });

describe.each(dialects)('clues and cases (%s)', (dialect) => {
  let env: Env;
  let c: ReturnType<typeof client>;

  beforeAll(async () => {
    env = await setUp(dialect, [...CERTS, MIANYANG_CERT]);
    c = client(env);
  });
  afterAll(async () => env?.close());
  afterEach(() => {
    caseClock.now = () => new Date();
  });

  const count = async (table: 'clues' | 'cases' | 'case_actions' | 'case_files' | 'audit_log') =>
    Number((await env.t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('enters a clue by hand, routed to the certificate’s jurisdiction; joins an open clue on the same subject', async () => {
    const r = await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'certificate', value: CERTS[0]!.cert_no }], summary: '现场检查发现证书疑似伪造' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ created: true, region: '510104', inJurisdiction: true });
    const again = await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'person', value: CERTS[0]!.id_no }, { kind: 'certificate', value: ` ${CERTS[0]!.cert_no} ` }], summary: '群众来电反映同一证书' });
    expect(again.json()).toMatchObject({ id: r.json().id, created: false });
    const detail = (await c.as('chengdu').get(`/api/clues/${r.json().id}`)).json().clue;
    expect(detail.report_count).toBe(2);
    expect(detail.subjects.map((s: { kind: string }) => s.kind).sort()).toEqual(['certificate', 'person']);
    // Staff see ID numbers masked.
    expect(detail.subjects.find((s: { kind: string }) => s.kind === 'person').value).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(detail.progress).toMatchObject({ status: 'received', label: '受理中' });
  });

  it('keeps clues inside the jurisdiction: lists, details and actions of another city answer 404', async () => {
    const mine = await c.as('mianyang').post('/api/clues', { subjects: [{ kind: 'certificate', value: MIANYANG_CERT.cert_no }], summary: '绵阳线索' });
    expect(mine.json()).toMatchObject({ region: '510703', inJurisdiction: true });
    const id = mine.json().id;
    expect((await c.as('chengdu').get(`/api/clues/${id}`)).statusCode).toBe(404);
    expect((await c.as('chengdu').post(`/api/clues/${id}/file`)).statusCode).toBe(404);
    expect((await c.as('chengdu').post(`/api/clues/${id}/dismiss`, { reason: '查无实据，不予立案' })).statusCode).toBe(404);
    const list = (await c.as('chengdu').get('/api/clues?pageSize=200')).json();
    expect(list.items.every((x: { region: string }) => x.region.startsWith('5101'))).toBe(true);
    expect((await c.as('admin').get('/api/clues?pageSize=200')).json().items.some((x: { id: string }) => x.id === id)).toBe(true);
    // Inspectors have no clue list (officials handle clues).
    expect((await c.as('inspector').get('/api/clues')).statusCode).toBe(403);
  });

  it('opens a clue from a verification signal; a number the registry lacks stays with the official; a repeat joins it', async () => {
    const first = await c.as('chengdu').post('/api/clues/from-signal', { certNo: '川建安B(2023)9999999', reasons: ['1 小时内被 12 个不同客户端查询'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ created: true, region: '510100', inJurisdiction: true });
    const again = await c.as('chengdu').post('/api/clues/from-signal', { certNo: '川建安B(2023)9999999', reasons: [] });
    expect(again.json()).toMatchObject({ id: first.json().id, created: false });
    const clue = (await c.as('chengdu').get(`/api/clues/${first.json().id}`)).json().clue;
    expect(clue).toMatchObject({ source: 'verification', report_count: 2 });
    const audit = await env.t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', first.json().id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['clue.open', 'clue.join']);
    expect((await c.as('inspector').post('/api/clues/from-signal', { certNo: 'X' })).statusCode).toBe(403);
  });

  it('masks the names and ID numbers a screening clue quotes, in the list, the detail and the case', async () => {
    const cert = CERTS[9]!;
    const { id } = await env.t.db.kysely.transaction().execute((trx) =>
      openClueOrMatch(trx, {
        source: 'screening',
        subjectType: 'cert_no',
        subject: cert.cert_no,
        summary: `【R02 人证不符】证书 ${cert.cert_no} 登记持证人为 ${cert.name}（${cert.id_no}）`,
        region: '510104',
        details: { rule: 'R02', evidence: [{ kind: 'certificates', row: { cert_no: cert.cert_no, name: cert.name, id_no: cert.id_no } }] },
        createdBy: null,
      }),
    );
    const answers = [
      (await c.as('chengdu').get('/api/clues?source=screening&pageSize=200')).body,
      (await c.as('chengdu').get(`/api/clues/${id}`)).body,
    ];
    const { caseId } = (await c.as('chengdu').post(`/api/clues/${id}/file`, { assigneeId: env.ids.chengdu })).json();
    answers.push((await c.as('chengdu').get(`/api/cases/${caseId}`)).body);
    for (const body of answers) {
      expect(body).not.toContain(cert.name);
      expect(body).not.toContain(cert.id_no);
    }
    expect(answers[1]).toContain(`${[...cert.name][0]}*${[...cert.name].at(-1)}`);
  });

  it('refuses a bad clue naming the field and reason, and writes nothing', async () => {
    const before = await count('clues');
    const bad = await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'person', value: '51010419800315' }], summary: '身份证号不全' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('线索对象第1项：身份证号应为18位（最后一位可为X）');
    expect((await c.as('chengdu').post('/api/clues', { subjects: [], summary: 'x' })).statusCode).toBe(400);
    expect(await count('clues')).toBe(before);
  });

  it('不予立案 needs a reason, which the reporter reads; a filed or closed clue cannot be dismissed', async () => {
    const clue = (await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'website', value: 'http://fake-zlaq.example.com' }], summary: '疑似假冒查询网站' })).json();
    expect((await c.as('chengdu').post(`/api/clues/${clue.id}/dismiss`, { reason: '不' })).statusCode).toBe(400);
    const ok = await c.as('chengdu').post(`/api/clues/${clue.id}/dismiss`, { reason: '网站已关停，经核查无人使用' });
    expect(ok.json()).toEqual({ replay: false });
    expect((await c.as('chengdu').post(`/api/clues/${clue.id}/dismiss`, { reason: '网站已关停，经核查无人使用' })).json()).toEqual({ replay: true });
    expect((await c.as('chengdu').post(`/api/clues/${clue.id}/file`)).statusCode).toBe(409);
    expect((await c.as('chengdu').get(`/api/clues/${clue.id}`)).json().clue.progress).toMatchObject({ status: 'dismissed', text: '不予立案：网站已关停，经核查无人使用' });
  });

  it('立案 makes a case; a repeated 立案 answers with the same case; an unassigned case offers and takes nothing but assignment', async () => {
    const { clueId, caseId } = await c.openCase(CERTS[1]!.cert_no);
    const replay = await c.as('chengdu').post(`/api/clues/${clueId}/file`);
    expect(replay.json()).toEqual({ caseId, replay: true });
    const kase = await c.detail(caseId);
    expect(kase).toMatchObject({ state: 'filed', state_label: '已立案', assignee_id: null, region: '510104' });
    expect(kase.allowed_actions.map((a: { action: string }) => a.action)).toEqual(['assign']);
    const actions = await count('case_actions');
    const refused = await c.act(caseId, 'investigate', {}, 'chengdu', 409);
    expect(refused.error.message).toBe('案件尚未指派承办人，请先指派');
    const upload = multipart([{ name: '询问笔录.pdf', content: 'pdf' }], { kind: 'evidence' });
    expect((await env.app.inject({ method: 'POST', url: `/api/cases/${caseId}/files`, headers: { ...upload.headers, cookie: env.cookies.chengdu }, payload: upload.payload })).statusCode).toBe(409);
    expect(await count('case_actions')).toBe(actions);
    expect((await c.as('chengdu').get(`/api/clues/${clueId}`)).json().clue).toMatchObject({ status: 'case', case: { id: caseId } });
  });

  it('assigns only an officer whose jurisdiction covers the case; only officials assign', async () => {
    const { caseId } = await c.openCase(CERTS[2]!.cert_no);
    const candidates = (await c.as('chengdu').get(`/api/cases/${caseId}/assignees`)).json().items.map((u: { username: string }) => u.username);
    expect(candidates).toEqual(expect.arrayContaining(['chengdu', 'chengdu2', 'inspector', 'inspector2', 'admin']));
    expect(candidates).not.toContain('mianyang');
    expect((await c.act(caseId, 'assign', { assigneeId: env.ids.mianyang }, 'chengdu', 400)).error.message).toBe('承办人须为本辖区在职的监管或执法检查人员');
    await c.act(caseId, 'assign', { assigneeId: env.ids.inspector });
    // The inspector sees the case, the other inspector does not; an inspector cannot reassign.
    expect((await c.as('inspector').get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await c.as('inspector2').get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await c.as('inspector2').get('/api/cases')).json().items.some((x: { id: string }) => x.id === caseId)).toBe(false);
    expect((await c.act(caseId, 'assign', { assigneeId: env.ids.inspector2 }, 'inspector', 403)).error.message).toBe('当前账号不能指派承办人');
    expect((await c.as('mianyang').get(`/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('walks 立案 → 调查取证 → 告知 → 决定 → 执行 → 结案, refusing every other action at each step', async () => {
    const { caseId } = await c.openCase(CERTS[3]!.cert_no, 'chengdu', 'inspector');
    const bodyFor = (a: string) => (a === 'decide' ? { items: [{ type: 'warning' }] } : a === 'assign' ? { assigneeId: env.ids.inspector } : a === 'reinspect' ? { uscc: OTHER_EMPLOYER.uscc, note: '复查合格' } : {});
    const line: Array<[string, string, 'inspector' | 'chengdu']> = [
      ['filed', 'investigate', 'inspector'],
      ['investigating', 'notify', 'inspector'],
      ['notified', 'decide', 'chengdu'],
      ['decided', 'execute', 'inspector'],
      ['executing', 'close', 'inspector'],
    ];
    const offered: Record<string, string[]> = {
      filed: ['assign', 'investigate', 'refer_police', 'revoke', 'transfer_out'],
      investigating: ['assign', 'notify', 'refer_police', 'revoke', 'transfer_out'],
      notified: ['assign', 'decide', 'refer_police', 'revoke'],
      decided: ['assign', 'execute'],
      executing: ['assign', 'close'],
    };
    for (const [state, next, who] of line) {
      const kase = await c.detail(caseId);
      expect(kase.state).toBe(state);
      expect(kase.allowed_actions.map((a: { action: string }) => a.action).sort()).toEqual([...offered[state]!].sort());
      const before = await count('case_actions');
      for (const a of OFFICER_ACTIONS.filter((x) => !offered[state]!.includes(x))) {
        const r = await c.act(caseId, a, bodyFor(a), 'chengdu', 409);
        expect(r.error.message, a).toMatch(/不能|没有/);
      }
      expect(await count('case_actions')).toBe(before);
      await c.act(caseId, next, bodyFor(next), who);
    }
    const closed = await c.detail(caseId);
    expect(closed).toMatchObject({ state: 'closed', allowed_actions: [], deadline: null, decision_text: '警告' });
    for (const a of OFFICER_ACTIONS) await c.act(caseId, a, bodyFor(a), 'chengdu', a === 'reinspect' ? 409 : 409);
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual(['file', 'assign', 'investigate', 'notify', 'decide', 'execute', 'close']);
    const audits = await env.t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', caseId).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['case.file', 'case.assign', 'case.investigate', 'case.notify', 'case.decide', 'case.execute', 'case.close']);
  });

  it('lets only officials decide, and only the assignee or a supervising official act', async () => {
    const { caseId } = await c.openCase(CERTS[4]!.cert_no, 'chengdu', 'inspector');
    expect((await c.act(caseId, 'investigate', {}, 'inspector2', 404)).error.code).toBe('not_found');
    await c.act(caseId, 'investigate', {}, 'chengdu2');
    await c.act(caseId, 'notify', {}, 'inspector');
    expect((await c.act(caseId, 'decide', { items: [{ type: 'warning' }] }, 'inspector', 403)).error.message).toBe('当前账号不能作出处理决定');
  });

  it('revokes a case before the decision', async () => {
    const { caseId, clueId } = await c.openCase(CERTS[5]!.cert_no, 'chengdu', 'chengdu');
    await c.act(caseId, 'revoke', { note: '经查证书系本人合法取得' });
    expect((await c.detail(caseId)).state).toBe('revoked');
    expect((await c.as('chengdu').get(`/api/clues/${clueId}`)).json().clue.progress).toMatchObject({ status: 'closed', text: '已结案：经调查，依法撤销立案。' });
  });

  it('replays an action with the same request id instead of acting twice', async () => {
    const { caseId } = await c.openCase(CERTS[6]!.cert_no, 'chengdu', 'chengdu');
    expect(await c.act(caseId, 'investigate', { requestId: 'r-1' })).toMatchObject({ replay: false });
    expect(await c.act(caseId, 'investigate', { requestId: 'r-1' })).toMatchObject({ replay: true });
    expect((await c.detail(caseId)).history).toHaveLength(3);
  });

  it('gives every stage a deadline; overdue cases stand out in the list and the counts', async () => {
    const t0 = new Date('2026-03-01T02:00:00.000Z');
    caseClock.now = () => t0;
    const clue = (await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'certificate', value: CERTS[7]!.cert_no }], summary: '期限测试' })).json();
    const { caseId } = (await c.as('chengdu').post(`/api/clues/${clue.id}/file`, { assigneeId: env.ids.chengdu })).json();
    expect((await c.detail(caseId)).deadline).toBe('2026-03-08T02:00:00.000Z');
    const overdueIds = async () => (await c.as('chengdu').get('/api/cases?overdue=true&pageSize=200')).json().items.map((x: { id: string }) => x.id);

    caseClock.now = () => new Date('2026-03-08T01:59:00.000Z');
    expect(await overdueIds()).not.toContain(caseId);
    caseClock.now = () => new Date('2026-03-09T00:00:00.000Z');
    expect(await overdueIds()).toContain(caseId);
    const summary = (await c.as('chengdu').get('/api/cases/summary')).json();
    expect(summary.overdue).toBeGreaterThanOrEqual(1);
    const listed = (await c.as('chengdu').get('/api/cases?pageSize=200')).json().items.find((x: { id: string }) => x.id === caseId);
    expect(listed).toMatchObject({ overdue: true, state_label: '已立案' });
    expect((await c.as('mianyang').get('/api/cases/summary')).json().overdue).toBe(0);

    // Investigation starts late: 30 days from then, but never past 90 days from 立案 (行政处罚法 art. 60).
    await c.act(caseId, 'investigate');
    expect((await c.detail(caseId)).deadline).toBe('2026-04-08T00:00:00.000Z');
    expect(await overdueIds()).not.toContain(caseId);
    caseClock.now = () => new Date('2026-05-20T00:00:00.000Z');
    await c.act(caseId, 'notify');
    expect((await c.detail(caseId)).deadline).toBe('2026-05-30T02:00:00.000Z');

    // The province's administrator sets the days; others may not; bad figures are refused.
    expect((await c.as('chengdu').put('/api/cases/deadlines', { notified: 5 })).statusCode).toBe(403);
    expect((await c.as('admin').put('/api/cases/deadlines', { notified: 0 })).json().error.message).toBe('告知后作出决定（天）须为1到3650之间的整数');
    expect((await c.as('admin').put('/api/cases/deadlines', { decided: 3 })).json().config).toMatchObject({ decided: 3, investigating: 30 });
    // A new figure applies to open cases at once: the current stage's deadline is counted again.
    const longer = (await c.as('admin').put('/api/cases/deadlines', { decisionFromFiling: 120 })).json();
    expect(longer.recomputed).toBeGreaterThanOrEqual(1);
    expect((await c.detail(caseId)).deadline).toBe('2026-06-04T00:00:00.000Z');
    expect((await c.as('admin').put('/api/cases/deadlines', { decisionFromFiling: 90 })).json().recomputed).toBeGreaterThanOrEqual(1);
    expect((await c.detail(caseId)).deadline).toBe('2026-05-30T02:00:00.000Z');
    await c.act(caseId, 'decide', { items: [{ type: 'warning' }] });
    expect((await c.detail(caseId)).deadline).toBe('2026-05-23T00:00:00.000Z');
  });

  it('stores evidence by SHA-256, shows the hash, re-checks it on download and audits the download', async () => {
    const { caseId } = await c.openCase(CERTS[8]!.cert_no, 'chengdu', 'inspector');
    const content = Buffer.from('现场照片：证书原件与库内信息不一致');
    const up = multipart([{ name: '现场照片.jpg', content }], { kind: 'evidence', note: '工地门口' });
    const r = await env.app.inject({ method: 'POST', url: `/api/cases/${caseId}/files`, headers: { ...up.headers, cookie: env.cookies.inspector }, payload: up.payload });
    expect(r.statusCode, r.body).toBe(201);
    const sha = (await import('node:crypto')).createHash('sha256').update(content).digest('hex');
    expect(r.json()).toMatchObject({ sha256: sha, size: content.length });
    const kase = await c.detail(caseId);
    expect(kase.files).toEqual([expect.objectContaining({ name: '现场照片.jpg', sha256: sha, kind: 'evidence', note: '工地门口' })]);
    expect(kase.history.at(-1)).toMatchObject({ action: 'attach', details: { sha256: sha } });
    const fileId = r.json().id;
    const down = await c.as('chengdu').get(`/api/cases/${caseId}/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(content)).toBe(true);
    expect(down.headers['x-content-sha256']).toBe(sha);
    const audit = await env.t.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', caseId).where('action', '=', 'case.file_download').execute();
    expect(audit).toHaveLength(1);
    expect((await c.as('mianyang').get(`/api/cases/${caseId}/files/${fileId}`)).statusCode).toBe(404);
    const bad = multipart([{ name: 'x.exe', content: 'x' }], { kind: 'virus' });
    expect((await env.app.inject({ method: 'POST', url: `/api/cases/${caseId}/files`, headers: { ...bad.headers, cookie: env.cookies.inspector }, payload: bad.payload })).statusCode).toBe(400);
    // A file altered on disk is not served as evidence.
    writeFileSync(join(env.t.config.dataDir, 'evidence', sha), 'altered');
    const tampered = await c.as('chengdu').get(`/api/cases/${caseId}/files/${fileId}`);
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().error.message).toMatch(/SHA-256/);
    rmSync(join(env.t.config.dataDir, 'evidence', sha));
    expect((await c.as('chengdu').get(`/api/cases/${caseId}/files/${fileId}`)).statusCode).toBe(404);
  });

  it('needs a login and the permission', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    const route = env.ctx.routes.filter((r) => r.url.startsWith('/api/cases') || r.url.startsWith('/api/clues') || r.url.startsWith('/api/transfers'));
    expect(route.length).toBeGreaterThan(15);
    expect(route.every((r) => r.permission && r.permission !== 'public')).toBe(true);
  });
});
