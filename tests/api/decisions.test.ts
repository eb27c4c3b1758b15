// Decisions through the console API, on SQLite and PostgreSQL: validated items; a decision on a
// certificate or licence changes the registry in the same transaction, so the public verification answer
// and the signed QR status list show it at once; 停业整改 lifted by re-inspection; the dishonesty list;
// the reporter-safe outcome text.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredentialToken, verifyStatusList } from '../../src/server/credentials/verify-token.js';
import { clueProgress } from '../../src/server/clues/clues.repository.js';
import { testDialects } from '../support/databases.js';
import { client, setUp, type Env } from './cases-support.js';
import { certificate, creditCode, EMPLOYER } from './verification-factories.js';

const dialects = await testDialects();
const REVOKED = certificate({ name: '周大勇' });
const SUSPENDED = certificate({ name: '吴小梅' });
const PLAIN = certificate({ name: '郑三' });
const INSTITUTION = creditCode('52510100MJ0A1B2C3');

describe.each(dialects)('decisions (%s)', (dialect) => {
  let env: Env;
  let c: ReturnType<typeof client>;

  beforeAll(async () => {
    env = await setUp(dialect, [REVOKED, SUSPENDED, PLAIN]);
    c = client(env);
  });
  afterAll(async () => env?.close());

  const verify = async (cert: { cert_no: string; name: string }) =>
    (await env.app.inject({ method: 'GET', url: '/api/public/verify', query: { certNo: cert.cert_no, name: cert.name }, remoteAddress: '198.51.100.7' })).json();
  const token = async (certNo: string) => (await c.as('admin').get(`/api/credentials/certificate?certNo=${encodeURIComponent(certNo)}`)).json().credential.token as string;
  const offline = async (t: string) => {
    const keys = (await env.app.inject({ method: 'GET', url: '/api/public/credentials/keys' })).json().keys;
    const list = await verifyStatusList((await env.app.inject({ method: 'GET', url: '/api/public/credentials/status-list' })).body, keys);
    return verifyCredentialToken(t, { keys, now: Date.now(), statusList: list });
  };
  const certStatus = async (certNo: string) => (await env.t.db.kysely.selectFrom('certificates').select('status').where('cert_no', '=', certNo).executeTakeFirstOrThrow()).status;

  async function notifiedCase(certNo: string) {
    const ids = await c.openCase(certNo, 'chengdu', 'chengdu');
    await c.act(ids.caseId, 'investigate');
    await c.act(ids.caseId, 'notify');
    return ids;
  }

  it('refuses bad decision items by item and field, and changes nothing', async () => {
    const { caseId } = await notifiedCase(PLAIN.cert_no);
    const refuse = async (items: object[], message: string) => expect((await c.act(caseId, 'decide', { items }, 'chengdu', 400)).error.message).toBe(message);
    await refuse([{ type: 'fine', amount: -5 }], '第1项：罚款金额须为大于0的数字（元）');
    await refuse([{ type: 'warning' }, { type: 'fine', amount: 12.345 }], '第2项：罚款金额最多两位小数');
    await refuse([{ type: 'fine', amount: 20_000_000 }], '第1项：罚款金额超过上限 10000000 元，请核对');
    await refuse([{ type: 'cert_revoke', certNo: '川建安B(2099)0000000' }], '第1项：本厅证书库中没有证书“川建安B(2099)0000000”');
    await refuse([{ type: 'cert_revoke' }], '第1项：须填写证书编号');
    await refuse([{ type: 'licence_revoke', target: '91510100MA6C1A2B3X' }], '第1项：统一社会信用代码“91510100MA6C1A2B3X”不正确');
    await refuse([{ type: 'no_penalty' }, { type: 'warning' }], '“不予行政处罚”不能与其他处理项同时作出');
    await refuse([], '处理决定至少包含一项');
    expect((await c.detail(caseId)).state).toBe('notified');
    expect(await certStatus(PLAIN.cert_no)).toBe('有效');
  });

  it('revokes a certificate: the registry, the public answer and the QR status list show it at once', async () => {
    const qr = await token(REVOKED.cert_no);
    // Both caches warm: a public answer and a status list made before the decision.
    expect((await verify(REVOKED)).result).toBe('valid');
    expect((await offline(qr)).outcome).toBe('valid');

    const { caseId, clueId } = await notifiedCase(REVOKED.cert_no);
    const r = await c.act(caseId, 'decide', { items: [{ type: 'fine', amount: 5000 }, { type: 'cert_revoke', certNo: REVOKED.cert_no, note: '以欺骗手段取得' }] });
    expect(r.effects.certificates).toEqual([{ certNo: REVOKED.cert_no, from: '有效', to: '吊销' }]);
    expect(await certStatus(REVOKED.cert_no)).toBe('吊销');
    expect(await verify(REVOKED)).toMatchObject({ result: 'revoked', label: '证书已吊销' });
    expect((await offline(qr)).outcome).toBe('revoked');
    const audit = await env.t.db.kysely.selectFrom('audit_log').select('details').where('action', '=', 'registry.status_change').where('object_id', '=', caseId).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details).certificates).toEqual([{ certNo: REVOKED.cert_no, from: '有效', to: '吊销' }]);

    expect(await clueProgress(env.t.db.kysely, clueId)).toMatchObject({ status: 'case', text: '已立案：已作出处理决定（罚款 5,000 元；吊销证书），正在执行。' });
    await c.act(caseId, 'execute');
    await c.act(caseId, 'close');
    expect(await clueProgress(env.t.db.kysely, clueId)).toMatchObject({ status: 'closed', label: '已结案', text: '已结案：处理结果为罚款 5,000 元；吊销证书。' });
  });

  it('suspends a certificate and an enterprise’s safety licence', async () => {
    const qr = await token(SUSPENDED.cert_no);
    const { caseId } = await notifiedCase(SUSPENDED.cert_no);
    await c.act(caseId, 'decide', { items: [{ type: 'cert_suspend', certNo: SUSPENDED.cert_no }, { type: 'licence_suspend', target: EMPLOYER.uscc }] });
    expect((await verify(SUSPENDED)).result).toBe('suspended');
    expect((await offline(qr)).outcome).toBe('suspended');
    const e = await env.t.db.kysely.selectFrom('enterprises').select('license_status').where('uscc', '=', EMPLOYER.uscc).executeTakeFirstOrThrow();
    expect(e.license_status).toBe('暂扣');
  });

  it('orders 停业整改 of an institution until a re-inspection lifts it, and lists on the dishonesty list', async () => {
    const clue = (await c.as('chengdu').post('/api/clues', { subjects: [{ kind: 'institution', value: INSTITUTION }], summary: '培训机构代培代考' })).json();
    const { caseId } = (await c.as('chengdu').post(`/api/clues/${clue.id}/file`, { assigneeId: env.ids.chengdu })).json();
    await c.act(caseId, 'investigate');
    await c.act(caseId, 'notify');
    await c.act(caseId, 'decide', { items: [{ type: 'rectify', target: INSTITUTION, note: '整改考务管理' }, { type: 'dishonesty', target: INSTITUTION, targetKind: 'institution', until: '2029-12-31' }] });
    const orders = () => env.t.db.kysely.selectFrom('rectification_orders').selectAll().where('case_id', '=', caseId).execute();
    expect(await orders()).toEqual([expect.objectContaining({ uscc: INSTITUTION, lifted_at: null, requirements: '整改考务管理' })]);
    expect(await env.t.db.kysely.selectFrom('dishonesty_list').select(['subject', 'until']).where('case_id', '=', caseId).execute()).toEqual([{ subject: INSTITUTION, until: '2029-12-31' }]);
    // The console's 失信名单 shows it in the jurisdiction, with its case; not to another city.
    const listed = (await c.as('chengdu').get('/api/dishonesty?kind=institution&inForce=true&pageSize=200')).json();
    expect(listed.items.filter((d: { caseId: string }) => d.caseId === caseId)).toEqual([
      expect.objectContaining({ subject: INSTITUTION, subjectKindLabel: '培训考核机构', until: '2029-12-31', inForce: true, caseNo: expect.any(String) }),
    ]);
    expect((await c.as('mianyang').get('/api/dishonesty?pageSize=200')).json().items.some((d: { caseId: string }) => d.caseId === caseId)).toBe(false);
    expect((await c.detail(caseId)).allowed_actions.map((a: { action: string }) => a.action)).toContain('reinspect');
    expect((await c.act(caseId, 'reinspect', { uscc: INSTITUTION }, 'chengdu', 400)).error.message).toBe('复查须写明复查结论');
    await c.act(caseId, 'reinspect', { uscc: INSTITUTION, note: '复查合格，恢复招生' });
    expect((await orders())[0]).toMatchObject({ lift_note: '复查合格，恢复招生', lifted_by: env.ids.chengdu });
    expect((await c.detail(caseId)).allowed_actions.map((a: { action: string }) => a.action)).not.toContain('reinspect');
  });
});
