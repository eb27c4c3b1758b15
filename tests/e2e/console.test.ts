// Browser tests: a person logs in, imports a certificates file, reads the report, finds the
// certificate in 证书库. Screenshots for the README land in docs/screenshots/.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNo, maskName } from '../../src/server/domain/masking.js';
import { label, logIn, openMenu, rowByHeader, settle, submitLogin } from './support/console.js';
import { saveScreenshot, startEnvironment, type E2EEnvironment } from './support/environment.js';
import {
  badCertificatesCsv,
  CERTIFICATES,
  certificatesCsv,
  ENTERPRISES,
  enterprisesCsv,
  type CsvFile,
} from './support/fixtures.js';

let env: E2EEnvironment;

beforeAll(async () => {
  env = await startEnvironment();
});

afterAll(async () => {
  await env?.close();
});

/** Uploads files and waits until the new job (not the one on screen before) has settled. */
async function uploadAndWait(page: Page, files: CsvFile[]): Promise<void> {
  const card = page.locator('.job-card');
  const previous = (await card.count()) > 0 ? await card.getAttribute('data-job-id') : null;
  await page.locator('.upload-card input[type=file]').setInputFiles(files);
  await page.getByTestId('start-import').click();
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector('.job-card');
      const id = el?.getAttribute('data-job-id');
      const status = el?.getAttribute('data-status');
      return Boolean(id) && id !== before && (status === 'succeeded' || status === 'failed');
    },
    previous,
    { timeout: 60_000 },
  );
  await page.getByTestId('import-report').waitFor();
}

describe('public portal', () => {
  it('explains the campaign, the hotline and the official verification channel', async () => {
    const page = await env.openPage();
    await page.goto('/');
    await page.getByRole('heading', { name: '安全生产资格证书涉假专项治理' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('专项治理简介');
    expect(text).toContain('12350');
    expect(text).toContain('全国工程质量安全监管信息平台');
    const official = page.getByRole('link', { name: '全国工程质量安全监管信息平台' });
    expect(await official.getAttribute('href')).toBe('https://zlaq.mohurd.gov.cn');
    await settle(page);
    await saveScreenshot(page, 'portal');

    await page
      .getByRole('link', { name: /管理后台/ })
      .first()
      .click();
    await page.waitForURL('**/console/login');
  });
});

describe('console', () => {
  it('sends a visitor without a session to the login page and rejects a wrong password', async () => {
    const page = await env.openPage();
    await page.goto('/console/certificates');
    await page.waitForURL('**/console/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: label('登录') }).click();
    await page.locator('.ant-alert-error').waitFor();
    expect(page.url()).toContain('/console/login');
    await settle(page);
    await saveScreenshot(page, 'login', { fullPage: false });
  });

  it('imports a certificates file, shows the report, and finds the certificate in 证书库', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await openMenu(page, '数据导入');

    await uploadAndWait(page, [enterprisesCsv(), certificatesCsv()]);
    const report = page.locator('.import-files-table');
    const certificates = await rowByHeader(report, 'certificates.csv');
    expect(certificates).toMatchObject({ 类型: '证书', 读取: '3', 新增: '3', 更新: '0', 拒绝: '0', 状态: '已导入' });
    const enterprises = await rowByHeader(report, 'enterprises.csv');
    expect(enterprises).toMatchObject({ 类型: '企业', 新增: '2', 状态: '已导入' });
    await page.getByText('导入完成').waitFor();
    await settle(page);
    await saveScreenshot(page, 'import-report');

    // The same file again changes nothing (每个文件幂等).
    await uploadAndWait(page, [certificatesCsv()]);
    expect(await rowByHeader(page.locator('.import-files-table'), 'certificates.csv')).toMatchObject({
      新增: '0',
      未变: '3',
    });

    await openMenu(page, '证书库');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);
    await settle(page);
    await saveScreenshot(page, 'certificates');

    const wanted = CERTIFICATES[0]!;
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').fill(wanted.cert_no);
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').press('Enter');
    await page.waitForURL(/[?&]q=/);
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
    const row = await rowByHeader(page.locator('.ant-table').first(), wanted.cert_no);
    // Officials (the province admin too) see names and ID numbers masked.
    expect(row).toMatchObject({ 证书编号: wanted.cert_no, 类别: 'B', 姓名: maskName(wanted.name), 身份证号: maskIdNo(wanted.id_no) });
    expect(row['聘用单位']).toContain('四川蜀安建设工程有限公司');
    expect(row['状态']).toContain('有效');

    // The expired one carries 已过期 whatever its registry status says.
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').fill(CERTIFICATES[1]!.name);
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').press('Enter');
    const expired = await rowByHeader(page.locator('.ant-table').first(), CERTIFICATES[1]!.cert_no);
    expect(expired['状态']).toContain('已过期');
  });

  it('opens a person from 证书库 with their certificates, masked until revealed with a reason', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    const person = CERTIFICATES[2]!;
    await page.goto(`/console/certificates?q=${encodeURIComponent(person.id_no)}`);
    await page.getByRole('link', { name: maskIdNo(person.id_no) }).click();
    await page.waitForURL(/\/console\/persons\?open=/);
    // The address holds a sealed reference, not the ID number.
    expect(decodeURIComponent(page.url())).not.toContain(person.id_no);
    const details = page.getByTestId('person-details');
    await details.waitFor();
    await details.getByText(person.cert_no).waitFor();
    expect(await details.innerText()).toContain(maskName(person.name));
    expect(await details.innerText()).not.toContain(person.id_no);
    await details.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByLabel('查看理由').fill('核对持证人身份');
    await page.getByRole('button', { name: label('查看') }).click();
    await details.getByText('已显示完整信息').waitFor();
    expect(await details.innerText()).toContain(person.id_no);
    expect(await details.innerText()).toContain(person.name);
    await settle(page);
    await saveScreenshot(page, 'person', { fullPage: false });
  });

  it('rejects a file with rows it cannot understand, listing row, column and reason', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await openMenu(page, '数据导入');
    // The file name says nothing of its kind, so the kind is chosen by hand.
    await page.getByTestId('kind-select').click();
    await page.locator('.ant-select-item-option', { hasText: '证书（certificates）' }).click();
    await uploadAndWait(page, [badCertificatesCsv()]);

    const file = await rowByHeader(page.locator('.import-files-table'), '新证书批次.csv');
    expect(file).toMatchObject({ 类型: '证书', 读取: '3', 新增: '0', 拒绝: '2', 状态: '已拒绝' });
    const rejected = page.locator('.rejected-rows .ant-table');
    const texts = await rejected.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(texts.length).toBe(2);
    expect(texts.join('\n')).toContain('证书类别');
    expect(texts.join('\n')).toContain('发证日期');
    await settle(page);
    await saveScreenshot(page, 'import-rejected');

    // Nothing of the rejected file was written.
    await openMenu(page, '证书库');
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').fill('赵敏');
    await page.getByPlaceholder('证书编号 / 姓名 / 身份证号').press('Enter');
    await page.getByText('没有符合条件的证书').waitFor();
  });

  it('lists enterprises with their licence state', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await openMenu(page, '企业库');
    const row = await rowByHeader(page.locator('.ant-table').first(), ENTERPRISES[1]!.uscc);
    expect(row).toMatchObject({ 企业名称: ENTERPRISES[1]!.name, 许可证状态: '失效', 证书数: '1' });
    expect(row['地区']).toContain('涪城');
    await settle(page);
    await saveScreenshot(page, 'enterprises', { fullPage: false });
  });

  it('shows the counts on the dashboard', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await page.locator('.stat-card').first().waitFor();
    const text = await page.locator('.console-content').innerText();
    expect(text).toContain('证书');
    // The jurisdiction's enforcement counts (the province admin reads cases and clues).
    await page.locator('.enforcement-card .ant-statistic').nth(2).waitFor();
    const enforcement = await page.locator('.enforcement-card').allInnerTexts();
    expect(enforcement.map((t) => t.split('\n')[0])).toEqual(['在办案件', '超期案件', '待处理线索']);
    await page.locator('[role=img][aria-label="数据量柱状图"] svg').waitFor();
    await settle(page);
    await saveScreenshot(page, 'dashboard', { fullPage: false });
  });
});

describe('session', () => {
  it('sends the user back to the login page when the session ends, and back where they were after', async () => {
    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await openMenu(page, '企业库');
    await page.context().clearCookies(); // the server forgets nobody, but the browser lost its cookie
    await page.getByRole('menuitem', { name: '证书库' }).click();
    await page.waitForURL('**/console/login');
    await page.getByText('登录已失效，请重新登录').waitFor();

    await submitLogin(page, env.adminPassword, 'admin', '证书库');

    await page.getByTestId('current-user').hover();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/console/login');
    await page.goto('/console');
    await page.waitForURL('**/console/login');
  });
});
