// Browser test of a site inspection on a phone-sized viewport (375×812, touch): record the inspection,
// read a real electronic-certificate QR code from an uploaded photo, type the number of a revoked
// certificate and of a fake one; each problem becomes a clue the official sees.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng } from '../../src/server/credentials/qr.js';
import { label, logIn, settle } from './support/console.js';
import { PAGE_DEFAULTS } from './support/browser.js';
import { saveScreenshot, type E2EEnvironment } from './support/environment.js';
import { startWithCertificates, VERIFY_CERTS } from './verify-helpers.js';

let env: E2EEnvironment;
let cookie: string;

beforeAll(async () => {
  ({ env, cookie } = await startWithCertificates());
});

afterAll(async () => {
  await env?.close();
});

async function phonePage(): Promise<Page> {
  const context = await env.browser.newContext({
    baseURL: env.baseURL,
    ...PAGE_DEFAULTS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  context.setDefaultTimeout(45_000);
  context.setDefaultNavigationTimeout(60_000);
  return context.newPage();
}

describe('site inspection on a phone', () => {
  it('checks certificates by QR photo and by typed number; problems become clues for the official', async () => {
    const [valid, , suspended] = VERIFY_CERTS;
    const res = await fetch(`${env.baseURL}/api/credentials/certificate?certNo=${encodeURIComponent(valid!.cert_no)}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const { credential } = (await res.json()) as { credential: { verifyUrl: string } };
    const photo = join(mkdtempSync(join(tmpdir(), 'certguard-inspection-')), 'qr.png');
    writeFileSync(photo, await qrPng(credential.verifyUrl, 640));

    const page = await phonePage();
    await logIn(page, env.adminPassword);
    await page.goto('/console/field/inspections/new');
    await page.getByRole('heading', { name: '登记检查' }).waitFor();
    // Nothing sticks out of a 375-px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const region = page.getByRole('combobox', { name: '地区' });
    await region.click();
    await region.fill('锦江');
    await page.locator('.ant-select-tree-node-content-wrapper[title="锦江区"]').click();
    await page.getByLabel('检查人员').fill('刘检查、陈执法');
    await page.getByLabel('项目名称').fill('锦江区某住宅项目');
    await page.getByLabel('施工企业名称').fill('四川蜀安建设工程有限公司');
    await page.getByRole('button', { name: '开始现场核验' }).click();
    await page.getByRole('heading', { name: '现场核验' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // 1. The QR code of a valid certificate, from a photo, with the person's name on site.
    await page.getByLabel(/现场人员姓名/).fill(valid!.name);
    await page.getByTestId('qr-photo').setInputFiles(photo);
    const results = page.getByTestId('check-result');
    await results.first().getByText('证书有效', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await results.first().innerText()).toContain(valid!.cert_no);

    // 2. A typed number of a suspended certificate. The button is found by its form and text, not by its
    // exact accessible name: while antd animates a loading icon away, the name reads "loading 核 验".
    await page.getByText('输入证书编号').click();
    const check = page.locator('form#typed-check').getByRole('button', { name: /核\s*验/ });
    await page.getByLabel('证书编号', { exact: true }).fill(suspended!.cert_no);
    await page.getByLabel('现场人员姓名', { exact: true }).fill(suspended!.name);
    await check.click();
    await results.first().getByText('证书已暂扣', { exact: true }).waitFor();
    expect(await results.first().innerText()).toContain('已生成线索');

    // 3. A number no registry knows: a fake.
    await page.getByLabel('证书编号', { exact: true }).fill('川建安C3(2023)9999999');
    await page.getByLabel('现场人员姓名', { exact: true }).fill('赵假');
    await check.click();
    await results.first().getByText('查无此证', { exact: true }).waitFor();
    expect(await results.first().innerText()).toContain('疑似假证');
    expect(await results.count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await settle(page);
    await saveScreenshot(page, 'inspection-phone');

    // The official sees both clues, from the inspection, in the project's county (the fake) or the
    // certificate holder's employer's (the suspended one).
    const clues = (await (await fetch(`${env.baseURL}/api/clues?source=inspection`, { headers: { cookie } })).json()) as { items: Array<{ subject: string; summary: string; region: string }> };
    expect(clues.items.map((c) => c.subject).sort()).toEqual([suspended!.cert_no, '川建安C3(2023)9999999'].sort());
    expect(clues.items.every((c) => c.summary.includes('锦江区某住宅项目'))).toBe(true);

    // The inspection shows in the console list with its counts.
    const desk = await env.openPage();
    await logIn(desk, env.adminPassword);
    await desk.getByRole('menuitem', { name: '现场检查' }).click();
    const row = desk.locator('tbody tr', { hasText: '锦江区某住宅项目' });
    await row.waitFor();
    expect(await row.innerText()).toContain('刘检查、陈执法');
  });
});
