// Browser test of 审计日志: an auditor logs in, sees the login entries, filters by action, checks the
// chain's integrity and exports the filtered entries to Excel (an export that is itself on record).
//
// The auditor account is written into the data directory before the server starts; TOTP is on (the
// default for auditors): logIn enrols the authenticator at the first login and answers its code.

import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { openDatabase } from '../../src/server/db/database.js';
import { logIn, settle } from './support/console.js';
import { saveScreenshot, startEnvironment, type E2EEnvironment } from './support/environment.js';

const AUDITOR = 'shenji-province';
const AUDITOR_PASSWORD = `audit-${Math.random().toString(36).slice(2, 12)}`;

let env: E2EEnvironment;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'certguard-e2e-audit-'));
  const db = await openDatabase({ dataDir });
  await insertUser(db.kysely, { username: AUDITOR, displayName: '省级审计员', role: 'auditor', region: '510000', passwordHash: await hashPassword(AUDITOR_PASSWORD) });
  await db.close();
  env = await startEnvironment({ dataDir });
  // Something to audit besides the auditor's own login: someone fails to log in.
  const failed = await fetch(`${env.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong-password' }) });
  expect(failed.status).toBe(401);
});

afterAll(async () => {
  await env?.close();
});

describe('审计日志', () => {
  it('an auditor sees login entries, filters by action, checks integrity and exports', async () => {
    const page = await env.openPage();
    await logIn(page, AUDITOR_PASSWORD, AUDITOR);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();

    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const actions = (await rows.locator('td:nth-child(4)').allInnerTexts()).map((s) => s.trim());
    expect(actions).toContain('登录');
    expect(actions).toContain('登录失败');
    // The auditor's own login is on record too.
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: AUDITOR }).first().waitFor();

    // Filter by action: only failed logins remain.
    await page.getByRole('combobox', { name: '操作' }).click();
    await page.getByRole('combobox', { name: '操作' }).fill('auth.login_failed');
    await page.locator('.ant-select-item-option[title="登录失败（auth.login_failed）"]').click();
    await page.waitForURL(/action=auth\.login_failed/);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row td:nth-child(4)')].map((td) => td.textContent?.trim());
      return cells.length > 0 && cells.every((c) => c === '登录失败');
    });
    const failedCount = await rows.count();

    // The integrity check.
    await page.getByRole('button', { name: '校验完整性' }).click();
    await page.getByText(/审计日志完整：共校验 \d+ 条记录/).waitFor();
    await settle(page);
    await saveScreenshot(page, 'console-audit');

    // Export the filtered entries.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = join(mkdtempSync(join(tmpdir(), 'certguard-audit-export-')), 'audit.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('操作');
    const exported: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && exported.push(row.getCell(7).value));
    expect(exported.length).toBe(failedCount);
    expect(new Set(exported)).toEqual(new Set(['auth.login_failed']));

    // The export itself is on record, by the auditor.
    await page.goto('/console/audit?action=audit.export');
    const exportRow = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '导出审计日志' });
    await exportRow.first().waitFor();
    expect(await exportRow.first().innerText()).toContain(AUDITOR);
  });
});
