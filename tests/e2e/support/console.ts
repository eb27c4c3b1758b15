// Page helpers that speak the console's (Chinese) UI, so the tests read like the steps a user takes.

import type { Locator, Page } from 'playwright-core';

/** antd puts a space between the two characters of a two-character button label (登 录). */
export const label = (text: string): RegExp => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

export async function logIn(page: Page, password: string, username = 'admin'): Promise<void> {
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: label('登录') }).click();
  await page.getByRole('heading', { name: '概览' }).waitFor();
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
