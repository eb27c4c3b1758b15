// Browser test of a public tip: the form (no login) gives a tracking code; the tracking page with code and
// PIN shows the progress; a wrong PIN gets the one answer; the handling unit's reply appears.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { label, settle } from './support/console.js';
import { saveScreenshot, startEnvironment, type E2EEnvironment } from './support/environment.js';
import { apiLogin } from './verify-helpers.js';

let env: E2EEnvironment;
let cookie: string;

beforeAll(async () => {
  // The login here is the password only; TOTP has its own browser test.
  env = await startEnvironment({ env: { TOTP_REQUIRED_ROLES: '' } });
  cookie = await apiLogin(env.baseURL, env.adminPassword);
});

afterAll(async () => {
  await env?.close();
});

describe('public tips', () => {
  it('submits a tip, shows the tracking code, and follows it with code and PIN', async () => {
    const page = await env.openPage();
    await page.goto('/report');
    await page.getByRole('heading', { name: '网上举报' }).waitFor();
    expect(await page.getByText('谁能看到您的举报').first().isVisible()).toBe(true);

    await page.getByLabel('举报类别').click();
    await page.locator('.ant-select-item-option', { hasText: '假冒政府网站' }).click();
    await page.getByLabel('网址').fill('http://zlaq.m0hurd-gov.cn/zscx');
    await page.getByLabel('举报内容').fill('有人通过该网站出售“免考包过”的安全员证书，网站冒充住建部查询平台。');
    await page.getByLabel('查询密码', { exact: true }).fill('482913');
    await page.getByLabel('确认查询密码').fill('482913');
    await page.getByRole('button', { name: '提交举报' }).click();

    const codeBox = page.getByTestId('tracking-code');
    await codeBox.waitFor();
    const code = (await codeBox.innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(await page.getByText('四川省住房和城乡建设厅').first().isVisible()).toBe(true);
    await settle(page);
    await saveScreenshot(page, 'tip-submitted');

    // Staff see it tagged as a look-alike site and reply.
    const list = (await (await fetch(`${env.baseURL}/api/tips`, { headers: { cookie } })).json()) as { items: Array<{ id: string; lookalike: { verdict: string } | null }> };
    expect(list.items[0]!.lookalike?.verdict).toBe('lookalike');
    const reply = await fetch(`${env.baseURL}/api/tips/${list.items[0]!.id}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ body: '已收到，正在核查该网站。' }),
    });
    expect(reply.status).toBe(204);

    await page.getByRole('link', { name: /查询办理进度/ }).click();
    await page.getByRole('heading', { name: '举报查询' }).waitFor();
    await page.getByLabel('查询码').fill(code.toLowerCase());
    await page.getByLabel('查询密码').fill('000000');
    await page.getByRole('button', { name: label('查询') }).click();
    await page.getByText('查询码或查询密码不正确，请核对后重试').waitFor();

    await page.getByLabel('查询密码').fill('482913');
    await page.getByRole('button', { name: label('查询') }).click();
    const progress = page.getByTestId('tip-progress');
    await progress.waitFor();
    expect(await progress.innerText()).toContain(code);
    expect(await page.getByTestId('tip-outcome').innerText()).toContain('受理中');
    expect(await progress.innerText()).toContain('已收到，正在核查该网站。');

    await page.getByLabel('给办理单位留言').fill('补充：该网站还有微信客服号。');
    await page.getByRole('button', { name: '发送留言' }).click();
    await progress.getByText('补充：该网站还有微信客服号。').waitFor();
    await settle(page);
    await saveScreenshot(page, 'tip-tracking');
  });
});
