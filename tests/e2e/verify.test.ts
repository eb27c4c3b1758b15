// Browser tests of public verification: a query on the public page, and a QR code read from an
// uploaded photo, checked in the browser (signature, status list) and online.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng } from '../../src/server/credentials/qr.js';
import { settle } from './support/console.js';
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

describe('public verification page', () => {
  it('verifies a certificate by number and name, masking the holder; a wrong name finds nothing', async () => {
    const page = await env.openPage();
    await page.goto('/verify');
    await page.getByRole('heading', { name: '证书核验' }).waitFor();
    const [valid] = VERIFY_CERTS;
    await page.getByRole('textbox', { name: /证书编号/ }).fill(valid!.cert_no.replace('(', '（').replace(')', '）'));
    await page.getByRole('textbox', { name: /姓名/ }).fill(valid!.name);
    await page.getByRole('button', { name: /核\s*验/ }).click();
    const result = page.getByTestId('verify-result');
    await result.getByText('证书有效').first().waitFor();
    const text = await result.innerText();
    expect(text).toContain('王*国');
    expect(text).toContain(valid!.id_no.slice(0, 3) + '***********' + valid!.id_no.slice(-4));
    expect(text).toContain('四川蜀安建设工程有限公司');
    expect(text).not.toContain(valid!.id_no);
    await settle(page);
    await saveScreenshot(page, 'verify-query');

    await page.getByRole('textbox', { name: /姓名/ }).fill('王建');
    await page.getByRole('button', { name: /核\s*验/ }).click();
    await page.getByTestId('verify-result').getByText('未查到一致的证书').waitFor();
  });

  it('says suspended for a suspended certificate, by ID number', async () => {
    const page = await env.openPage();
    await page.goto('/verify');
    await page.getByRole('tab', { name: '身份证号 + 姓名' }).click();
    const c = VERIFY_CERTS[2]!;
    const pane = page.locator('.ant-tabs-tabpane-active');
    await pane.getByRole('textbox', { name: /身份证号/ }).fill(c.id_no);
    await pane.getByRole('textbox', { name: /姓名/ }).fill(c.name);
    await pane.getByRole('button', { name: /核\s*验/ }).click();
    await pane.getByTestId('verify-result').getByText('证书已暂扣').first().waitFor();
  });

  it('verifies the QR code of an electronic certificate from an uploaded photo', async () => {
    const res = await fetch(`${env.baseURL}/api/credentials/certificate?certNo=${encodeURIComponent(VERIFY_CERTS[0]!.cert_no)}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const { credential } = (await res.json()) as { credential: { verifyUrl: string; kid: string } };
    const dir = mkdtempSync(join(tmpdir(), 'certguard-qr-'));
    const photo = join(dir, 'qr.png');
    writeFileSync(photo, await qrPng(credential.verifyUrl, 640));

    const page = await env.openPage();
    await page.goto('/verify');
    await page.getByRole('tab', { name: /扫码核验/ }).click();
    await page.getByTestId('qr-photo').setInputFiles(photo);
    const check = page.getByTestId('qr-check');
    await check.getByText('二维码签名有效').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('qr-reason').innerText()).toContain('签名有效');
    expect(await check.innerText()).toContain(credential.kid);
    expect(await page.getByTestId('status-list-age').innerText()).toMatch(/状态列表生成于/);
    const online = page.getByTestId('qr-online');
    await online.getByText('证书有效').first().waitFor();
    expect(await online.innerText()).toContain('王*国');
    await settle(page);
    await saveScreenshot(page, 'verify-qr');
  });

  it('opens the check straight from the URL a phone camera reads, and refuses a tampered one', async () => {
    const res = await fetch(`${env.baseURL}/api/credentials/certificate?certNo=${encodeURIComponent(VERIFY_CERTS[2]!.cert_no)}`, { headers: { cookie } });
    const { credential } = (await res.json()) as { credential: { token: string } };
    const page = await env.openPage();
    await page.goto(`/verify?t=${credential.token}`);
    await page.getByTestId('qr-check').getByText('二维码签名有效，但证书不可用').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('qr-reason').innerText()).toContain('暂扣');

    const [h, p, s] = credential.token.split('.');
    const tampered = `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}`;
    await page.goto(`/verify?t=${tampered}`);
    await page.getByTestId('qr-check').getByText('二维码核验未通过').waitFor({ timeout: 30_000 });
  });
});
