// Browser tests of the camera paths: Chromium's fake camera plays a video of an electronic
// certificate's QR code, so getUserMedia → <video> → canvas → decoder runs as on a phone. The public
// verify page checks signature and status from the camera; an inspector's phone page turns the scan
// into a site check.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../src/server/domain/dates.js';
import { launchBrowser, PAGE_DEFAULTS } from './support/browser.js';
import { logIn } from './support/console.js';
import type { E2EEnvironment } from './support/environment.js';
import { fakeCameraShowingQr } from './support/fake-camera.js';
import { startWithCertificates, VERIFY_CERTS } from './verify-helpers.js';

let env: E2EEnvironment;
let cookie: string;
let camera: Browser;
const contexts: BrowserContext[] = [];
const shown = VERIFY_CERTS[0]!;

beforeAll(async () => {
  ({ env, cookie } = await startWithCertificates());
  const res = await fetch(`${env.baseURL}/api/credentials/certificate?certNo=${encodeURIComponent(shown.cert_no)}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const { credential } = (await res.json()) as { credential: { verifyUrl: string } };
  const video = join(mkdtempSync(join(tmpdir(), 'certguard-camera-')), 'qr.y4m');
  camera = await launchBrowser(fakeCameraShowingQr(credential.verifyUrl, video));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await camera?.close().catch(() => undefined);
  await env?.close();
});

async function cameraPage(phone: boolean) {
  const context = await camera.newContext({
    baseURL: env.baseURL,
    ...PAGE_DEFAULTS,
    ...(phone ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } }),
  });
  contexts.push(context);
  context.setDefaultTimeout(45_000);
  context.setDefaultNavigationTimeout(60_000);
  return context.newPage();
}

describe('scanning a QR code with the camera', () => {
  it('on the public verify page: the signature and the status are checked, the holder masked', async () => {
    const page = await cameraPage(false);
    await page.goto('/verify');
    await page.getByRole('tab', { name: /扫码核验/ }).click();
    await page.getByRole('button', { name: /打开摄像头扫码/ }).click();
    const check = page.getByTestId('qr-check');
    await check.getByText('二维码签名有效').waitFor({ timeout: 30_000 });
    const online = page.getByTestId('qr-online');
    await online.getByText('证书有效').first().waitFor();
    expect(await online.innerText()).toContain('王*国');
    expect(await online.innerText()).not.toContain(shown.name);
    // The camera is let go once the code is read.
    expect(await page.getByRole('button', { name: /打开摄像头扫码/ }).isVisible()).toBe(true);
  });

  it("on an inspector's phone: the scan becomes a site check of the inspection", async () => {
    const created = await fetch(`${env.baseURL}/api/inspections`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'site', region: '510104', date: todayCst(new Date()), inspectors: ['刘检查'], projectName: '摄像头扫码项目' }),
    });
    expect(created.status).toBeLessThan(300);
    const { id } = (await created.json()) as { id: string };
    const page = await cameraPage(true);
    await logIn(page, env.adminPassword);
    await page.goto(`/console/field/inspections/${id}`);
    await page.getByRole('heading', { name: '现场核验' }).waitFor();
    await page.getByLabel(/现场人员姓名/).fill(shown.name);
    await page.getByRole('button', { name: /摄像头扫码/ }).click();
    const result = page.getByTestId('check-result').first();
    await result.getByText('证书有效', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain(shown.cert_no);
    const saved = (await (await fetch(`${env.baseURL}/api/inspections/${id}`, { headers: { cookie } })).json()) as { checks: Array<{ method: string; certNo: string | null; result: string }> };
    expect(saved.checks.map((c) => [c.method, c.certNo, c.result])).toEqual([['qr', shown.cert_no, 'valid']]);
  });
});
