// Browser tests of jurisdiction scope (issue #5): a city official of 成都 cannot reach 绵阳's data; an
// enterprise user sees only its own roster checks and a menu without 数据导入 / 大数据筛查.
// The accounts are written straight into the server's database (insertUser). This test's server runs with
// TOTP_REQUIRED_ROLES empty: the second factor has its own browser test (login-totp.test.ts).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { openDatabase } from '../../src/server/db/database.js';
import { maskIdNo, maskName } from '../../src/server/domain/masking.js';
import { logIn } from './support/console.js';
import { startEnvironment, type E2EEnvironment } from './support/environment.js';
import { ENTERPRISES } from './support/fixtures.js';
import { apiLogin, seedCertificates, VERIFY_CERTS } from './verify-helpers.js';

const PASSWORD = 'Scope-Test-Passw0rd';
const CHENGDU = VERIFY_CERTS[0]!; // employed by ENTERPRISES[0], 成都市锦江区
const MIANYANG = VERIFY_CERTS[1]!; // employed by ENTERPRISES[1], 绵阳市涪城区

let env: E2EEnvironment;

async function loginCookie(username: string): Promise<string> {
  const res = await fetch(`${env.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  return /cg_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

async function uploadRoster(cookie: string, fileName: string, c: { name: string; id_no: string; cert_no: string }) {
  const form = new FormData();
  form.append('file', new Blob([`姓名,身份证号,证书编号\r\n${c.name},${c.id_no},${c.cert_no}\r\n`]), fileName);
  const res = await fetch(`${env.baseURL}/api/roster/check`, { method: 'POST', headers: { cookie }, body: form });
  if (!res.ok) throw new Error(`roster: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'certguard-e2e-scope-'));
  env = await startEnvironment({ dataDir, env: { TOTP_REQUIRED_ROLES: '' } });
  await seedCertificates(env.baseURL, await apiLogin(env.baseURL, env.adminPassword));
  const db = await openDatabase({ dataDir });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    await insertUser(db.kysely, { username: 'chengdu', displayName: '成都市住建局', role: 'official', region: '510100', passwordHash });
    await insertUser(db.kysely, { username: 'shuan', displayName: '蜀安建设', role: 'enterprise', region: ENTERPRISES[0]!.region, orgUscc: ENTERPRISES[0]!.uscc, passwordHash });
    await insertUser(db.kysely, { username: 'fucheng', displayName: '涪城建安', role: 'enterprise', region: ENTERPRISES[1]!.region, orgUscc: ENTERPRISES[1]!.uscc, passwordHash });
  } finally {
    await db.close();
  }
  await uploadRoster(await loginCookie('shuan'), '蜀安名册.csv', CHENGDU);
  await uploadRoster(await loginCookie('fucheng'), '涪城名册.csv', MIANYANG);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('a city official of 成都', () => {
  it('sees 成都 in the lists and nothing of 绵阳, even by direct address', async () => {
    const page = await env.openPage();
    await logIn(page, PASSWORD, 'chengdu');

    await page.getByRole('menuitem', { name: '企业库' }).click();
    await page.getByRole('heading', { name: '企业库' }).waitFor();
    await page.getByText(ENTERPRISES[0]!.name).first().waitFor();
    expect(await page.locator('.ant-table').first().innerText()).not.toContain(ENTERPRISES[1]!.name);

    // A search for 绵阳's certificate finds nothing.
    await page.goto(`/console/certificates?q=${encodeURIComponent(MIANYANG.cert_no)}`);
    await page.getByRole('heading', { name: '证书库' }).waitFor();
    await page.locator('.ant-table-placeholder').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(MIANYANG.cert_no.slice(-7));

    // 成都's own person opens (masked); 绵阳's, typed into the address, does not exist.
    await page.goto(`/console/persons?open=${encodeURIComponent(CHENGDU.id_no)}`);
    await page.getByTestId('person-details').getByText(CHENGDU.cert_no).waitFor();
    expect(await page.getByTestId('person-details').innerText()).toContain(maskIdNo(CHENGDU.id_no));
    await page.goto(`/console/persons?open=${encodeURIComponent(MIANYANG.id_no)}`);
    await page.getByRole('dialog').getByText('该人员不存在').waitFor();
    const drawer = await page.locator('.ant-drawer').innerText();
    expect(drawer).not.toContain(MIANYANG.name);
    expect(drawer).not.toContain(maskName(MIANYANG.name));
    expect(drawer).not.toContain(MIANYANG.cert_no);
  });
});

describe('an enterprise user', () => {
  it('sees only its own roster checks, and a menu without 数据导入 and 大数据筛查', async () => {
    const page = await env.openPage();
    await logIn(page, PASSWORD, 'shuan');
    const menu = await page.locator('.console-sider').innerText();
    expect(menu).toContain('企业自查');
    expect(menu).not.toContain('数据导入');
    expect(menu).not.toContain('大数据筛查');
    expect(menu).not.toContain('人员库');

    await page.getByRole('menuitem', { name: '企业自查' }).click();
    const history = page.getByTestId('roster-history');
    await history.getByText('蜀安名册.csv').waitFor();
    expect(await history.innerText()).not.toContain('涪城名册.csv');

    // Pages the role cannot use say so plainly.
    await page.goto('/console/import');
    await page.getByText('无权访问').waitFor();
    await page.goto('/console/screening');
    await page.getByText('无权访问').waitFor();
  });
});
