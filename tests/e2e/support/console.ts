// Page helpers that speak the console's (Chinese) UI, so the tests read like the steps a user takes.

import type { Locator, Page } from 'playwright-core';
import { unusedTotpCode } from '../../support/http.js';

/**
 * A button's name by its text. antd puts a space between the two characters of a two-character label
 * (登 录), and a button whose loading icon is still on its way out reads "loading 查 询".
 */
export const label = (text: string): RegExp => new RegExp(`^\\s*(?:loading\\s+)?${[...text].join('\\s*')}\\s*$`);

// TOTP secrets of the accounts logIn enrolled, per server and user name (each test file has its own server).
const totpSecrets = new Map<string, string>();

/**
 * Logs in through the login page. When the account has or needs a TOTP second factor, completes it:
 * at the first login it reads the secret shown for enrolment and remembers it; later it types an unused code.
 */
export async function logIn(page: Page, password: string, username = 'admin'): Promise<void> {
  await page.goto('/console/login');
  await submitLogin(page, password, username);
}

/** Fills the login form on the page as it is, completes the TOTP step, and waits for the page landed on. */
export async function submitLogin(page: Page, password: string, username = 'admin', landing = '概览'): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: label('登录') }).click();
  const landed = page.getByRole('heading', { name: landing });
  const codeField = page.getByLabel('动态验证码', { exact: true });
  await landed.or(codeField).first().waitFor();
  if (await landed.isVisible()) return;
  const key = `${new URL(page.url()).origin}|${username}`;
  const shown = page.getByTestId('totp-secret');
  if (await shown.isVisible()) totpSecrets.set(key, /[A-Z2-7]{16,}/.exec(await shown.innerText())![0]);
  const secret = totpSecrets.get(key);
  if (!secret) throw new Error(`logIn(${username}): TOTP is enrolled, but not through logIn, so its secret is unknown`);
  // A code used elsewhere meanwhile is refused as used: the next unused one follows.
  for (let attempt = 0; attempt < 3; attempt++) {
    await codeField.fill(await unusedTotpCode(secret));
    await codeField.press('Enter');
    const refused = page.getByRole('alert').filter({ hasText: '已使用' });
    await landed.or(refused).first().waitFor();
    if (await landed.isVisible()) return;
  }
  throw new Error(`logIn(${username}): every TOTP code was refused`);
}

export async function openMenu(page: Page, item: '概览' | '数据导入' | '证书库' | '企业库' | '人员库'): Promise<void> {
  await page.getByRole('menuitem', { name: item }).click();
  await page.getByRole('heading', { name: item }).waitFor();
}

/** The cells of a table row keyed by column title. */
export async function rowByHeader(table: Locator, rowText: string): Promise<Record<string, string>> {
  const headers = await table.locator('thead th').allInnerTexts();
  const row = table.locator('tbody tr', { hasText: rowText }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

/** Waits until the network and antd's animations have settled, for a clean screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}
