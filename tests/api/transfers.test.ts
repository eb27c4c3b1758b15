// Transfers through the console API, on SQLite and PostgreSQL: to another region (accepted: the case and
// its evidence move, the sender gets 404; rejected: it returns as it was) and to the police (a ZIP of the
// case facts, history and evidence with a SHA-256 manifest; the receipt before closing).

import { createHash } from 'node:crypto';
import unzipper from 'unzipper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { multipart } from '../support/http.js';
import { client, setUp, type Env } from './cases-support.js';
import { certificate } from './verification-factories.js';

const dialects = await testDialects();
const CERTS = Array.from({ length: 4 }, () => certificate());
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(dialects)('transfers (%s)', (dialect) => {
  let env: Env;
  let c: ReturnType<typeof client>;

  beforeAll(async () => {
    env = await setUp(dialect, CERTS);
    c = client(env);
  });
  afterAll(async () => env?.close());

  async function upload(caseId: string, name: string, content: string, kind = 'evidence', who: 'chengdu' | 'mianyang' = 'chengdu') {
    const m = multipart([{ name, content }], { kind });
    const r = await env.app.inject({ method: 'POST', url: `/api/cases/${caseId}/files`, headers: { ...m.headers, cookie: env.cookies[who] }, payload: m.payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; sha256: string };
  }

  it('moves an accepted case and its evidence to the receiving jurisdiction; the sender no longer sees it', async () => {
    const { caseId, clueId } = await c.openCase(CERTS[0]!.cert_no, 'chengdu', 'chengdu');
    await c.act(caseId, 'investigate');
    const file = await upload(caseId, '调查笔录.txt', '当事人在绵阳务工');
    expect((await c.as('chengdu').post(`/api/cases/${caseId}/transfers`, { toRegion: '990000', toUnit: '某局', reason: '管辖不明' })).json().error.message).toBe('接收地区代码“990000”不是四川省的行政区划');
    expect((await c.as('chengdu').post(`/api/cases/${caseId}/transfers`, { toRegion: '510700', toUnit: '绵阳市住建局', reason: '' })).statusCode).toBe(400);
    const sent = await c.as('chengdu').post(`/api/cases/${caseId}/transfers`, { toRegion: '510700', toUnit: '绵阳市住房和城乡建设局', reason: '违法行为发生地在绵阳' });
    expect(sent.statusCode, sent.body).toBe(201);
    const transferId = sent.json().transferId;

    // Pending: the sender sees it but can do nothing; the receiver sees it in the inbox and the case.
    expect(await c.detail(caseId)).toMatchObject({ state: 'transferring', allowed_actions: [] });
    expect((await c.act(caseId, 'notify', {}, 'chengdu', 409)).error.message).toBe('案件移送待接收，须等待接收方处理');
    const inbox = (await c.as('mianyang').get('/api/transfers/incoming')).json().items;
    expect(inbox).toEqual([expect.objectContaining({ id: transferId, case_id: caseId, to_unit: '绵阳市住房和城乡建设局' })]);
    expect((await c.detail(caseId, 'mianyang')).incoming_transfer).toMatchObject({ id: transferId });
    expect((await c.as('chengdu').get('/api/transfers/incoming')).json().items).toEqual([]);
    // Only the receiver answers; the sender's try is "not found".
    expect((await c.as('chengdu').post(`/api/transfers/${transferId}/accept`)).statusCode).toBe(404);
    expect((await c.as('mianyang').post(`/api/transfers/${transferId}/reject`, { reason: '' })).statusCode).toBe(400);

    const accepted = await c.as('mianyang').post(`/api/transfers/${transferId}/accept`);
    expect(accepted.json()).toEqual({ caseId, replay: false });
    expect((await c.as('mianyang').post(`/api/transfers/${transferId}/accept`)).json()).toEqual({ caseId, replay: true });

    expect((await c.as('chengdu').get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await c.as('chengdu').get(`/api/cases/${caseId}/files/${file.id}`)).statusCode).toBe(404);
    expect((await c.as('chengdu').get(`/api/clues/${clueId}`)).statusCode).toBe(404);
    expect((await c.as('chengdu').get('/api/cases?pageSize=200')).json().items.some((x: { id: string }) => x.id === caseId)).toBe(false);
    const there = await c.detail(caseId, 'mianyang');
    expect(there).toMatchObject({ region: '510700', state: 'investigating', assignee_id: null });
    expect(there.allowed_actions.map((a: { action: string }) => a.action)).toEqual(['assign']);
    expect(there.history.map((h: { action: string }) => h.action)).toEqual(['file', 'assign', 'investigate', 'attach', 'transfer_out', 'transfer_accept']);
    expect((await c.as('mianyang').get(`/api/cases/${caseId}/files/${file.id}`)).statusCode).toBe(200);
    expect((await c.as('mianyang').get(`/api/clues/${clueId}`)).statusCode).toBe(200);
    // The receiver assigns its own officer and goes on.
    await c.act(caseId, 'assign', { assigneeId: env.ids.mianyang }, 'mianyang');
    await c.act(caseId, 'notify', {}, 'mianyang');
    const audits = await env.t.db.kysely.selectFrom('audit_log').select(['action', 'region']).where('object_id', '=', caseId).where('action', 'like', 'case.transfer%').orderBy('seq').execute();
    expect(audits).toEqual([
      { action: 'case.transfer_out', region: '510104' },
      { action: 'case.transfer_accept', region: '510700' },
    ]);
  });

  it('returns a rejected transfer to the sender as it was', async () => {
    const { caseId } = await c.openCase(CERTS[1]!.cert_no, 'chengdu', 'chengdu');
    const { transferId } = (await c.as('chengdu').post(`/api/cases/${caseId}/transfers`, { toRegion: '510700', toUnit: '绵阳市住建局', reason: '当事人户籍在绵阳' })).json();
    expect((await c.as('mianyang').post(`/api/transfers/${transferId}/reject`, { reason: '违法行为发生地不在本市' })).json()).toEqual({ caseId, replay: false });
    expect((await c.as('mianyang').post(`/api/transfers/${transferId}/accept`)).statusCode).toBe(409);
    expect((await c.as('mianyang').get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const back = await c.detail(caseId);
    expect(back).toMatchObject({ state: 'filed', assignee_id: env.ids.chengdu, region: '510104' });
    expect(back.transfers).toEqual([expect.objectContaining({ status: 'rejected', response: '违法行为发生地不在本市' })]);
  });

  it('refers a case to the police as one package with a SHA-256 manifest; closes only after the receipt', async () => {
    const { caseId } = await c.openCase(CERTS[2]!.cert_no, 'chengdu', 'chengdu');
    await c.act(caseId, 'investigate', { note: '当事人承认购买假证' });
    const photo = await upload(caseId, '假证照片.jpg', 'JPEG-BYTES');
    const record = await upload(caseId, '询问笔录.pdf', 'PDF-BYTES', 'document');
    expect((await c.as('chengdu').post(`/api/cases/${caseId}/police`, { toUnit: '', reason: '涉嫌伪造国家机关证件罪' })).statusCode).toBe(400);
    const referred = await c.as('chengdu').post(`/api/cases/${caseId}/police`, { toUnit: '成都市公安局锦江区分局', reason: '涉嫌伪造国家机关证件罪' });
    expect(referred.statusCode, referred.body).toBe(201);
    const { packageFileId, sha256 } = referred.json();

    const zip = await c.as('chengdu').get(`/api/cases/${caseId}/files/${packageFileId}`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(sha(zip.rawPayload)).toBe(sha256);
    // unzipper's bundled types predate Open.buffer.
    const open = unzipper.Open as unknown as { buffer(b: Buffer): Promise<{ files: Array<{ path: string; buffer(): Promise<Buffer> }> }> };
    const dir = await open.buffer(zip.rawPayload);
    const files = new Map<string, Buffer>();
    for (const e of dir.files) files.set(e.path, await e.buffer());
    expect([...files.keys()].sort()).toEqual(['SHA256SUMS', 'case.json', 'evidence/001-假证照片.jpg', 'evidence/002-询问笔录.pdf', 'history.json', 'manifest.json', '案件事实.txt']);
    expect(files.get('evidence/001-假证照片.jpg')!.toString()).toBe('JPEG-BYTES');
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    for (const m of manifest.files) expect(sha(files.get(m.path)!), m.path).toBe(m.sha256);
    expect(manifest.files.find((m: { path: string }) => m.path.endsWith('假证照片.jpg')).sha256).toBe(photo.sha256);
    expect(manifest.files.find((m: { path: string }) => m.path.endsWith('询问笔录.pdf')).sha256).toBe(record.sha256);
    const facts = JSON.parse(files.get('case.json')!.toString());
    expect(facts).toMatchObject({ transfer: { toUnit: '成都市公安局锦江区分局' }, clue: { subjects: [{ kind: 'certificate', value: CERTS[2]!.cert_no }] } });
    expect(JSON.parse(files.get('history.json')!.toString()).map((h: { action: string }) => h.action)).toEqual(['file', 'assign', 'investigate', 'attach', 'attach', 'refer_police']);
    expect(files.get('案件事实.txt')!.toString()).toContain('当事人承认购买假证');
    const exported = await env.t.db.kysely.selectFrom('audit_log').select('action').where('object_id', '=', caseId).where('action', '=', 'case.package_download').execute();
    expect(exported).toHaveLength(1);

    expect(await c.detail(caseId)).toMatchObject({ state: 'referred' });
    expect((await c.act(caseId, 'close', {}, 'chengdu', 409)).error.message).toBe('须先登记公安机关回执才能结案');
    const scan = await upload(caseId, '回执.png', 'PNG', 'receipt');
    expect((await c.as('chengdu').post(`/api/cases/${caseId}/police/receipt`, { receivedBy: '李警官', receivedOn: '2999-01-01', docNo: '锦公(刑)受字〔2026〕15号' })).json().error.message).toBe('回执接收日期不能晚于今天');
    const ack = await c.as('chengdu').post(`/api/cases/${caseId}/police/receipt`, { receivedBy: '李警官', receivedOn: new Date().toISOString().slice(0, 10), docNo: '锦公(刑)受字〔2026〕15号', fileId: scan.id });
    expect(ack.statusCode, ack.body).toBe(200);
    const kase = await c.detail(caseId);
    expect(kase.transfers).toEqual([expect.objectContaining({ kind: 'police', status: 'acknowledged', package_sha256: sha256, response: expect.objectContaining({ docNo: '锦公(刑)受字〔2026〕15号', fileId: scan.id }) })]);
    expect(kase.allowed_actions.map((a: { action: string }) => a.action)).toEqual(['assign', 'close']);
    await c.act(caseId, 'close');
    expect((await c.detail(caseId)).state).toBe('closed');
  });
});
