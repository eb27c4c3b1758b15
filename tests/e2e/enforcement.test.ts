// Browser test of the whole enforcement path: a public tip with a tracking code → the clue it opened →
// 立案 → investigation, notice, a decision revoking the certificate, execution, closing → the public
// verify page shows the certificate revoked → the reporter, with code and PIN, reads the outcome.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { label, logIn, settle } from './support/console.js';
import { saveScreenshot, type E2EEnvironment } from './support/environment.js';
import { startWithCertificates, VERIFY_CERTS } from './verify-helpers.js';

let env: E2EEnvironment;
let cookie: string;
const CERT = VERIFY_CERTS[0]!;
const PIN = '583127';

beforeAll(async () => {
  ({ env, cookie } = await startWithCertificates());
});

afterAll(async () => {
  await env?.close();
});

/** Clicks a case action button and confirms its dialog (with an opinion). */
async function caseAction(page: Page, name: string | RegExp, note?: string) {
  await page.getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (note) await dialog.getByLabel('办理意见').fill(note);
  await dialog.getByRole('button', { name: label('确定') }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function expectState(page: Page, state: string) {
  await page.getByTestId('case-state').filter({ hasText: state }).waitFor();
}

describe('the enforcement loop', () => {
  it('takes a public tip to a revoked certificate the public and the reporter can see', async () => {
    // 1. A member of the public reports the certificate and keeps the tracking code.
    const pub = await env.openPage();
    await pub.goto('/report');
    await pub.getByRole('heading', { name: '网上举报' }).waitFor();
    await pub.getByLabel('举报类别').click();
    await pub.locator('.ant-select-item-option', { hasText: '挂证/借证' }).click();
    await pub.getByLabel('证书编号').fill(CERT.cert_no);
    await pub.getByLabel('举报内容').fill('该证书持证人长期不在岗，证书挂靠在施工企业，项目现场由他人代为签字。');
    await pub.getByLabel('查询密码', { exact: true }).fill(PIN);
    await pub.getByLabel('确认查询密码').fill(PIN);
    await pub.getByRole('button', { name: '提交举报' }).click();
    const codeBox = pub.getByTestId('tracking-code');
    await codeBox.waitFor();
    const code = (await codeBox.innerText()).trim();

    // 2. The official finds the clue the tip opened and files a case, held by themself.
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await page.getByRole('menuitem', { name: '线索' }).click();
    await page.getByRole('heading', { name: '线索' }).waitFor();
    const row = page.locator('tbody tr', { hasText: CERT.cert_no });
    expect(await row.innerText()).toContain('群众举报');
    await row.click();
    await page.getByRole('heading', { name: '线索详情' }).waitFor();
    await page.getByText(/^受理中：/).first().waitFor();
    await page.getByRole('button', { name: label('立案') }).click();
    const filing = page.getByRole('dialog');
    await filing.getByLabel('立案意见').fill('举报线索具体，予以立案调查。');
    await filing.getByRole('button', { name: label('立案') }).click();
    await page.getByRole('heading', { name: /^案件 / }).waitFor();
    await expectState(page, '已立案');

    // 3. Only the actions of the state are offered; the case moves through its stages.
    const offered = async () => (await page.locator('.page-header-extra button').allInnerTexts()).map((t) => t.replace(/\s/g, ''));
    await page.getByText('开始调查取证').waitFor();
    expect(await offered()).toEqual(['指派承办人', '开始调查取证', '移送公安机关', '撤销立案', '移送其他地区/部门']);
    await caseAction(page, '开始调查取证', '调取社保和项目考勤记录。');
    await expectState(page, '调查取证');
    expect(await offered()).not.toContain('作出处理决定');
    await caseAction(page, '告知（行政处罚事先告知）');
    await expectState(page, '已告知');

    // 4. The decision revokes the certificate.
    await page.getByRole('button', { name: '作出处理决定' }).click();
    const decision = page.getByRole('dialog');
    await decision.getByLabel('处理类型1').first().click();
    await page.locator('.ant-select-item-option', { hasText: '吊销证书' }).click();
    await decision.getByLabel('证书编号1').fill(CERT.cert_no);
    await decision.getByRole('button', { name: '作出决定' }).click();
    await decision.waitFor({ state: 'detached' });
    await expectState(page, '已决定');
    await page.getByText('吊销证书', { exact: true }).first().waitFor();
    await caseAction(page, label('执行'));
    await caseAction(page, label('结案'));
    await expectState(page, '已结案');
    expect(await offered()).toEqual([]);
    const history = await page.locator('.ant-timeline').innerText();
    for (const step of ['立案', '开始调查取证', '告知', '作出处理决定', '执行', '结案']) expect(history).toContain(step);
    await settle(page);
    await saveScreenshot(page, 'case-closed');

    // 5. The public verify page shows the certificate revoked at once.
    await pub.goto('/verify');
    await pub.getByRole('heading', { name: '证书核验' }).waitFor();
    await pub.getByRole('textbox', { name: /证书编号/ }).fill(CERT.cert_no);
    await pub.getByRole('textbox', { name: /姓名/ }).fill(CERT.name);
    await pub.getByRole('button', { name: /核\s*验/ }).click();
    await pub.getByTestId('verify-result').getByText('证书已吊销').first().waitFor();

    // 6. The reporter, with code and PIN, reads the outcome.
    await pub.goto('/report/track');
    await pub.getByRole('heading', { name: '举报查询' }).waitFor();
    await pub.getByLabel('查询码').fill(code);
    await pub.getByLabel('查询密码').fill(PIN);
    await pub.getByRole('button', { name: label('查询') }).click();
    const outcome = pub.getByTestId('tip-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe('已结案：处理结果为吊销证书。');
    await settle(pub);
    await saveScreenshot(pub, 'tip-outcome');
  });
  it("lets the province administrator set the stages' deadlines, which an open case follows at once", async () => {
    // An open case, filed through the API: 立案 starts the 7-day period to begin the investigation.
    const post = async (url: string, body: unknown) => {
      const res = await fetch(env.baseURL + url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, string>;
    };
    const clue = await post('/api/clues', { subjects: [{ kind: 'certificate', value: VERIFY_CERTS[1]!.cert_no }], summary: '期限设置测试线索', region: '510104' });
    const { caseId } = await post(`/api/clues/${clue.id}/file`, { title: '期限设置测试案件' });
    const detail = (await (await fetch(`${env.baseURL}/api/cases/${caseId}`, { headers: { cookie } })).json()) as { case: { filed_at: string } };
    const dayAfter = (days: number) => new Date(Date.parse(detail.case.filed_at) + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await page.getByRole('menuitem', { name: '案件' }).click();
    const row = page.locator('tbody tr', { hasText: '期限设置测试案件' });
    await row.waitFor();
    expect(await row.innerText()).toContain(dayAfter(7));

    await page.getByRole('button', { name: '办案期限设置' }).click();
    const dialog = page.getByRole('dialog', { name: '办案期限设置' });
    const start = dialog.getByLabel('立案后开始调查（天）');
    await start.waitFor();
    expect(await start.inputValue()).toBe('7');
    // Out of range: refused in the form with the reason (not silently clamped), nothing saved.
    await start.fill('0');
    await dialog.getByRole('button', { name: label('保存') }).click();
    await dialog.getByText('请填写 1 到 3650 之间的整数天数').waitFor();
    await start.fill('20');
    await dialog.getByRole('button', { name: label('保存') }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.filter({ hasText: dayAfter(20) }).waitFor();
    const saved = (await (await fetch(`${env.baseURL}/api/cases/deadlines`, { headers: { cookie } })).json()) as { config: { filed: number; investigating: number } };
    expect(saved.config).toMatchObject({ filed: 20, investigating: 30 });
  });
});
