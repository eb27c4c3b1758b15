// Shared by the verification and roster browser tests: certificates that stay valid, imported through
// the API of the running server.

import { startEnvironment, type E2EEnvironment } from './support/environment.js';
import { CERTIFICATE_HEADER, csv, ENTERPRISES, enterprisesCsv, residentId } from './support/fixtures.js';

export const VERIFY_CERTS = [
  { cert_no: '川建安B(2024)2052428', category: 'B', operation: '', name: '王建国', id_no: residentId('51010419800315123'), employer: ENTERPRISES[0]!.uscc, issued: '2024-03-15', expires: '2099-03-14', status: '有效' },
  { cert_no: '川建安C3(2021)2003456', category: 'C3', operation: '', name: '李秀英', id_no: residentId('51070319850721234'), employer: ENTERPRISES[1]!.uscc, issued: '2021-06-01', expires: '2024-05-31', status: '有效' },
  { cert_no: '川建安TZ(2024)2001234', category: 'TZ', operation: '01', name: '张勇', id_no: residentId('51010419920108345'), employer: ENTERPRISES[0]!.uscc, issued: '2024-09-10', expires: '2099-09-09', status: '暂扣' },
];

function certificatesFile() {
  return csv('certificates.csv', [
    CERTIFICATE_HEADER,
    ...VERIFY_CERTS.map((c) => [c.cert_no, c.category, c.operation, c.name, c.id_no, c.employer, '四川省住房和城乡建设厅', c.issued, c.expires, c.status]),
  ]);
}

export async function apiLogin(baseURL: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return /cg_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

/** Imports the enterprises and the certificates above and waits for the job to finish. */
export async function seedCertificates(baseURL: string, cookie: string): Promise<void> {
  const form = new FormData();
  for (const f of [enterprisesCsv(), certificatesFile()]) form.append('file', new Blob([f.buffer as BlobPart]), f.name);
  const res = await fetch(`${baseURL}/api/imports`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const { job } = (await res.json()) as { job: { id: string } };
  for (let i = 0; i < 240; i++) {
    const j = (await (await fetch(`${baseURL}/api/imports/${job.id}`, { headers: { cookie } })).json()) as { job: { status: string } };
    if (j.job.status === 'succeeded') return;
    if (j.job.status === 'failed') throw new Error('import failed');
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('import did not finish');
}

/**
 * A fresh server holding the certificates above, and the administrator's session cookie. The login is
 * the password only (TOTP has its own browser test, login-totp.test.ts).
 */
export async function startWithCertificates(): Promise<{ env: E2EEnvironment; cookie: string }> {
  const env = await startEnvironment({ env: { TOTP_REQUIRED_ROLES: '' } });
  try {
    const cookie = await apiLogin(env.baseURL, env.adminPassword);
    await seedCertificates(env.baseURL, cookie);
    return { env, cookie };
  } catch (e) {
    await env.close();
    throw e;
  }
}
