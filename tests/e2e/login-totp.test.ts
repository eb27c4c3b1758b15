// Browser test: the administrator's first login binds an authenticator (QR code and secret shown, a
// wrong code refused, the right one accepted); the second login asks for a code; a weak new password
// is refused with its reason in the change-password dialog.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/server/auth/totp.js';
import { unusedTotpCode } from '../support/http.js';
import { label } from './support/console.js';
import { saveScreenshot, startEnvironment, type E2EEnvironment } from './support/environment.js';

let env: E2EEnvironment;

beforeAll(async () => {
  env = await startEnvironment();
});

afterAll(async () => {
  await env?.close();
});

describe('login with TOTP', () => {
  let secret = '';

  it('binds an authenticator at the first login: QR code and secret, a wrong code refused, the right one logs in', async () => {
    const page = await env.openPage();
    await page.goto('/console/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(env.adminPassword);
    await page.getByRole('button', { name: label('登录') }).click();

    await page.getByText('绑定动态验证码').first().waitFor();
    expect(await page.locator('.login-qr svg').count()).toBe(1);
    secret = /[A-Z2-7]{32}/.exec(await page.getByTestId('totp-secret').innerText())![0];
    await saveScreenshot(page, 'login-totp-enrol');

    const codeField = page.getByLabel('动态验证码', { exact: true });
    const wrong = String((Number(totpCode(secret, Date.now())) + 500_000) % 1_000_000).padStart(6, '0');
    await codeField.fill(wrong);
    await codeField.press('Enter');
    await page.getByRole('alert').filter({ hasText: '动态验证码错误' }).waitFor();
    expect(await page.getByRole('heading', { name: '概览' }).count()).toBe(0);

    await codeField.fill(await unusedTotpCode(secret));
    await page.getByRole('button', { name: '绑定并登录' }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
  });

  it('asks for a code at the next login, and nothing else works until it is given', async () => {
    const page = await env.openPage();
    await page.goto('/console/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(env.adminPassword);
    await page.getByRole('button', { name: label('登录') }).click();
    const codeField = page.getByLabel('动态验证码', { exact: true });
    await codeField.waitFor();
    expect(await page.locator('.login-qr').count()).toBe(0);
    // Between the steps there is no session: the console sends the visitor back to log in.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);

    await codeField.fill(await unusedTotpCode(secret));
    await page.getByRole('button', { name: label('验证') }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('系统管理员');

    // 修改密码 from the user menu: a weak password is refused with the server's reason.
    await page.getByTestId('current-user').hover();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('当前密码').fill(env.adminPassword);
    await dialog.getByLabel('新密码', { exact: true }).fill('qwertyuiop');
    await dialog.getByLabel('确认新密码').fill('qwertyuiop');
    await dialog.getByRole('button', { name: label('保存') }).click();
    await dialog.getByText('常见弱密码').waitFor();
  });
});
