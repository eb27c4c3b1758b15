// Browser test of 企业自查: upload a roster, read the verdicts, download the result workbook.

import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, settle } from './support/console.js';
import { saveScreenshot, type E2EEnvironment } from './support/environment.js';
import { ENTERPRISES, residentId } from './support/fixtures.js';
import { startWithCertificates, VERIFY_CERTS } from './verify-helpers.js';

let env: E2EEnvironment;

beforeAll(async () => {
  ({ env } = await startWithCertificates());
});

afterAll(async () => {
  await env?.close();
});

describe('企业自查', () => {
  it('uploads a roster, shows each verdict and downloads the annotated workbook', async () => {
    const [ok, expired, suspended] = VERIFY_CERTS;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员名册');
    ws.addRow(['姓名', '身份证号', '证书编号', '岗位', '聘用单位统一社会信用代码']);
    ws.addRow([ok!.name, ok!.id_no, ok!.cert_no, '项目负责人', ENTERPRISES[0]!.uscc]);
    ws.addRow([expired!.name, expired!.id_no, expired!.cert_no, '专职安全员', ENTERPRISES[1]!.uscc]);
    ws.addRow([suspended!.name, suspended!.id_no, suspended!.cert_no, '特种作业', ENTERPRISES[0]!.uscc]);
    ws.addRow(['赵敏', residentId('51130219750102456'), '川建安A(2024)9999999', '主要负责人', ENTERPRISES[0]!.uscc]);
    const dir = mkdtempSync(join(tmpdir(), 'certguard-roster-'));
    const file = join(dir, '人员名册.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const page = await env.openPage();
    await logIn(page, env.adminPassword);
    await page.getByRole('menuitem', { name: '企业自查' }).click();
    await page.getByRole('heading', { name: '企业自查' }).waitFor();
    await page.locator('.roster-upload input[type=file]').setInputFiles(file);
    const result = page.getByTestId('roster-result');
    await result.waitFor({ timeout: 60_000 });
    const rows = result.locator('tbody tr.ant-table-row');
    await rows.nth(3).waitFor();
    const verdicts = await rows.locator('td:nth-child(5)').allInnerTexts();
    expect(verdicts.map((v) => v.trim())).toEqual(['一致', '已过期', '暂扣', '证书不存在']);
    await settle(page);
    await saveScreenshot(page, 'roster');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-download').click()]);
    expect(dl.suggestedFilename()).toBe('人员名册-核验结果.xlsx');
    const saved = join(dir, 'result.xlsx');
    await dl.saveAs(saved);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    const sheet = out.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '身份证号', '证书编号', '岗位', '聘用单位统一社会信用代码', '核验结果', '说明']);
    expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(6).value)).toEqual(['一致', '已过期', '暂扣', '证书不存在']);
    expect((sheet.getRow(5).getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFDE2E1');
  });
});
