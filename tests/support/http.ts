// Helpers for app.inject: multipart bodies, logged-in cookies (through the TOTP step when there is one).

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { TOTP_STEP_SECONDS, totpCode, totpStep } from '../../src/server/auth/totp.js';

export function multipart(files: Array<{ field?: string; name: string; content: Buffer | string }>, fields: Record<string, string> = {}) {
  const boundary = '----certguard' + randomBytes(8).toString('hex');
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// TOTP secrets of the accounts this helper enrolled (per user name; a test file's databases are fresh),
// and the time steps each secret has used: the server accepts a step once, so consecutive logins take
// the next unused step of the three it accepts (now, now + 1, now - 1).
const totpSecrets = new Map<string, string>();
const usedSteps = new Map<string, Set<number>>();

/** The TOTP secret the login helper enrolled for this user name (tests that need codes of their own). */
export function enrolledTotpSecret(username: string): string | undefined {
  return totpSecrets.get(username);
}

/** A code of the secret that has not been used yet; waits for the next 30-second step when all three are. */
export async function unusedTotpCode(secret: string): Promise<string> {
  const used = usedSteps.get(secret) ?? new Set<number>();
  usedSteps.set(secret, used);
  for (;;) {
    const now = totpStep(Date.now());
    const step = [now, now + 1, now - 1].find((s) => !used.has(s));
    if (step !== undefined) {
      used.add(step);
      return totpCode(secret, Date.now(), step);
    }
    await new Promise((r) => setTimeout(r, (now + 1) * TOTP_STEP_SECONDS * 1000 - Date.now() + 50));
  }
}

const cookieOf = (res: { cookies: Array<{ name: string; value: string }> }, name: string) => res.cookies.find((c) => c.name === name)?.value;

/**
 * Log in and return the session cookie header. Completes the TOTP step when the account has or needs
 * one: enrols it at the first login (remembering the secret) and answers with an unused code after.
 */
export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  let res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  let challenge = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { status: string; secret?: string };
    challenge = cookieOf(res, 'cg_login') ?? challenge;
    if (body.status === 'ok') {
      const session = cookieOf(res, 'cg_session');
      if (!session) throw new Error('no session cookie');
      return `cg_session=${session}`;
    }
    if (body.status === 'password_change') throw new Error(`login of ${username}: the account must change its password first`);
    if (body.status === 'totp_enrol') totpSecrets.set(username, body.secret!);
    const secret = totpSecrets.get(username);
    if (!secret) throw new Error(`login of ${username}: TOTP is enrolled, but not through this helper, so its secret is unknown`);
    res = await app.inject({ method: 'POST', url: '/api/auth/login/totp', headers: { cookie: `cg_login=${challenge}` }, payload: { code: await unusedTotpCode(secret) } });
    // A step used elsewhere (a test's own login) is refused as replayed: take the next one.
    if (res.statusCode === 401 && res.json().error?.message?.includes('已使用')) {
      res = await app.inject({ method: 'POST', url: '/api/auth/login/totp', headers: { cookie: `cg_login=${challenge}` }, payload: { code: await unusedTotpCode(secret) } });
    }
  }
  throw new Error(`login of ${username} did not finish: ${res.body}`);
}
