// Browser test of the screening console (大数据筛查): an official starts a run on the contract's example
// dataset, opens it, reads the counts per rule, opens a hit, looks at its evidence and dismisses it
// with a reason; the hit leaves the open list and shows under 已排除.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { label, logIn, rowByHeader, settle } from './support/console.js';
import { saveScreenshot, startEnvironment, type E2EEnvironment } from './support/environment.js';

// shared/ sits beside the repository (here and in CI), whatever the checkout is called.
const DATASET = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/spec/example/dataset');
const AS_OF = '2024-12-31';

let env: E2EEnvironment;

beforeAll(async () => {
  // The login here is the password only; TOTP has its own browser test (login-totp.test.ts).
  env = await startEnvironment({ env: { TOTP_REQUIRED_ROLES: '' } });
  await importDataset(env.baseURL, env.adminPassword, DATASET);
});

afterAll(async () => {
  await env?.close();
});

/** Uploads every file of a dataset folder through the real importer and waits for the job. */
async function importDataset(baseURL: string, password: string, dir: string): Promise<void> {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const form = new FormData();
  const names = readdirSync(dir).filter((n) => /\.(csv|xlsx)$/i.test(n));
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) form.append('file', new Blob([readFileSync(join(dir, name))]), name);
  const started = await fetch(`${baseURL}/api/imports`, { method: 'POST', headers: { cookie }, body: form });
  expect(started.status, await started.clone().text()).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };

  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`${baseURL}/api/imports/${job.id}`, { headers: { cookie } });
    const { job: latest } = (await res.json()) as {
      job: { status: string; error: string | null; report: { files: Array<{ file: string; status: string }> } | null };
    };
    if (latest.status === 'succeeded' || latest.status === 'failed') {
      expect(latest.status, latest.error ?? '').toBe('succeeded');
      expect(latest.report?.files.filter((f) => f.status !== 'imported')).toEqual([]);
      return;
    }
    if (Date.now() > deadline) throw new Error('the example dataset was not imported within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Picks an option of an antd Select by its accessible name. */
async function choose(page: Page, select: string, option: string): Promise<void> {
  // The selected value lies over the search input, so the click goes to the select box around it.
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: select }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

const hitRows = (page: Page): Locator => page.locator('.hits-table .ant-table-tbody tr.ant-table-row');

describe('screening console', () => {
  it('starts a run, opens a hit, shows its evidence and dismisses it with a reason', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await page.getByRole('menuitem', { name: '大数据筛查' }).click();
    await page.getByRole('heading', { name: '大数据筛查' }).waitFor();

    // 发起筛查: all 14 rules by default, thresholds from the API's defaults, the evaluation date chosen.
    await page.getByRole('button', { name: /发起筛查/ }).click();
    const dialog = page.getByRole('dialog', { name: '发起筛查' });
    await dialog.locator('.rule-checkboxes').waitFor();
    expect(await dialog.locator('.rule-checkboxes input[type=checkbox]:checked').count()).toBe(14);
    expect(await dialog.locator('.rule-checkboxes').innerText()).toContain('人社分离');
    await dialog.getByText('规则参数').click();
    expect(await dialog.getByRole('spinbutton', { name: '最低学时 特种作业' }).inputValue()).toBe('32');
    const date = dialog.locator('.ant-picker input');
    await date.click();
    await date.fill(AS_OF);
    await date.press('Enter');
    expect(await date.inputValue()).toBe(AS_OF);
    await dialog.getByTestId('start-screening-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // The run appears in the list and is followed until it has finished.
    const runs = page.locator('.screening-runs .ant-table');
    await page.locator('.screening-runs tr[data-status="succeeded"]').waitFor({ timeout: 90_000 });
    const run = await rowByHeader(runs, AS_OF);
    expect(run).toMatchObject({ 评估日期: AS_OF, 状态: '已完成', 命中数: '93', 新增: '93', 消失: '0' });
    await page.locator('.screening-runs').getByRole('link', { name: '查看结果' }).first().click();
    await page.waitForURL(/\/console\/screening\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { name: `筛查结果 · 评估日期 ${AS_OF}` }).waitFor();

    // Counts per rule (table and chart) and per city (chart).
    const rules = page.locator('.rule-table');
    expect(await rowByHeader(rules, '人社分离')).toMatchObject({ 命中: '13', 新增: '13' });
    expect(await rowByHeader(rules, '一证多岗')).toMatchObject({ 命中: '4' });
    await page.locator('.screening-summary [role=img] svg').nth(1).waitFor();
    await hitRows(page).first().waitFor();
    expect(await page.locator('.hits-card .ant-pagination-total-text').innerText()).toBe('共 93 条命中');
    // A tall viewport rather than the whole page: counts, charts and the first rows of the list.
    await page.setViewportSize({ width: 1440, height: 1400 });
    await settle(page);
    await saveScreenshot(page, 'console-screening', { fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Only R05: choosing the rule in the table filters the hits.
    await rules.locator('tr', { hasText: '人社分离' }).click();
    await page.waitForURL(/[?&]rule=R05/);
    await page.getByText('共 13 条命中').waitFor();
    const first = hitRows(page).first();
    const hit = await rowByHeader(page.locator('.hits-table'), (await first.locator('td').nth(1).innerText()).trim());
    expect(hit['规则']).toContain('人社分离');
    expect(hit['变化']).toBe('新增');
    expect(hit['研判']).toBe('待研判');
    const subject = hit['对象']!;

    // The hit: its rule, reason and evidence rows under the contract's Chinese headers.
    await first.click();
    const details = page.getByTestId('hit-details');
    await details.waitFor();
    expect(await details.innerText()).toContain('人社分离');
    expect(await details.getByTestId('hit-reason').innerText()).toMatch(/社保/);
    const evidence = details.getByTestId('hit-evidence');
    const certificate = evidence.locator('[data-kind="certificates"]');
    const insurance = evidence.locator('[data-kind="social_insurance"]');
    expect(await certificate.locator('thead th').allInnerTexts()).toEqual(
      expect.arrayContaining(['证书编号', '身份证号', '聘用单位统一社会信用代码', '有效期至']),
    );
    expect(await certificate.locator('tbody').innerText()).toContain(subject);
    expect(await insurance.locator('thead th').allInnerTexts()).toEqual(
      expect.arrayContaining(['身份证号', '参保单位统一社会信用代码', '缴费年月']),
    );
    expect(await insurance.locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(3);
    await settle(page);
    await saveScreenshot(page, 'console-screening-hit', { fullPage: false });

    // Dismissing needs a reason.
    await details.getByRole('button', { name: /排\s*除$/ }).click();
    // By class, not by dialog name: a test-mode antd build gives every dialog the same aria-labelledby.
    const judge = page.locator('.judge-modal', { hasText: '排除命中' });
    await judge.getByRole('button', { name: label('排除') }).click();
    await judge.getByText('请填写排除理由').waitFor();
    await judge.getByRole('textbox', { name: '排除理由' }).fill('经核实该人员已办理社保转移，聘用关系真实');
    await judge.getByRole('button', { name: label('排除') }).click();
    await judge.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="hit-details"][data-judgement="dismissed"]').waitFor();
    expect(await details.getByTestId('judgement-note').innerText()).toContain('经核实该人员已办理社保转移');

    // It leaves the open list…
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await page.getByText('共 12 条命中').waitFor();
    expect(await page.locator('.hits-table').innerText()).not.toContain(subject);
    expect(await rowByHeader(rules, '人社分离')).toMatchObject({ 命中: '12', 已排除: '1' });

    // …and shows under 已排除.
    await choose(page, '研判', '已排除');
    await page.waitForURL(/[?&]judgement=dismissed/);
    await page.getByText('共 1 条命中').waitFor();
    const dismissed = await rowByHeader(page.locator('.hits-table'), subject);
    expect(dismissed['研判']).toBe('已排除');
  });
});
