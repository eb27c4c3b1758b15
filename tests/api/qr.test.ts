// Electronic certificates on SQLite and PostgreSQL: certificate page and PDF, JWKS, status list,
// offline and online checks, rotation, retirement and compromise of signing keys.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { ensureLocalAdmin } from '../../src/server/auth/local-admin.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.repository.js';
import { credentialServiceOf } from '../../src/server/credentials/credential-service.js';
import type { PublicKeyEntry } from '../../src/server/credentials/token-format.js';
import { verifyCredentialToken, verifyStatusList } from '../../src/server/credentials/verify-token.js';
import { loadConfig } from '../../src/config.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { login } from '../support/http.js';
import { certificate, insertCertificates } from './verification-factories.js';
import { maskIdNo, maskName } from '../../src/server/domain/masking.js';

const dialects = await testDialects();
const PASSWORD = 'test-password-123';
const CERT = certificate({ name: '王建国', cert_no: '川建安B(2023)1052428' });
const OTHER = certificate({ name: '李秀英', cert_no: '川建安C3(2021)1003456', category: 'C3' });
const SHARED = certificate({ name: '张勇', cert_no: 'T510104199201083451', source: '应急管理厅', category: 'TZ', operation: '01' });

describe.each(dialects)('electronic certificates (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let cookie: string;

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const page = async (c = CERT) => (await get(`/api/credentials/certificate?certNo=${encodeURIComponent(c.cert_no)}`, { cookie })).json();
  const publicKeys = async (): Promise<PublicKeyEntry[]> => (await get('/api/public/credentials/keys')).json().keys;
  const offline = async (token: string) => {
    const keys = await publicKeys();
    const list = await verifyStatusList((await get('/api/public/credentials/status-list')).body, keys);
    return verifyCredentialToken(token, { keys, now: Date.now(), statusList: list });
  };
  const online = async (token: string) => (await app.inject({ method: 'GET', url: '/api/public/verify/token', query: { t: token }, remoteAddress: '198.51.100.3' })).json();

  beforeAll(async () => {
    t = await createTestDb(dialect, { PUBLIC_BASE_URL: 'https://certguard.example.gov.cn' });
    await insertCertificates(t.db.kysely, [CERT, OTHER, SHARED]);
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    await ensureLocalAdmin(t.db.kysely, PASSWORD);
    cookie = await login(app, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives a certificate page with a signed token inside the verify URL, and no personal data in the token', async () => {
    const anonymous = await get(`/api/credentials/certificate?certNo=${encodeURIComponent(CERT.cert_no)}`);
    expect(anonymous.statusCode).toBe(401);
    const p = await page();
    // An official sees the holder masked (the enterprise employing them sees them in full).
    expect(p.certificate).toMatchObject({ cert_no: CERT.cert_no, name: maskName(CERT.name), id_no: maskIdNo(CERT.id_no) });
    expect(p.credential.verifyUrl).toBe(`https://certguard.example.gov.cn/verify?t=${p.credential.token}`);
    expect(p.credential.qrSvg).toMatch(/^<svg/);
    const [h, payload] = p.credential.token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', kid: p.credential.kid, typ: 'cg-cert' });
    expect(Object.keys(claims).sort()).toEqual(['cid', 'exp', 'iat', 'idx']);
    const text = Buffer.from(payload, 'base64url').toString();
    expect(text).not.toContain(CERT.cert_no);
    expect(text).not.toContain(CERT.id_no);
    // The same certificate gets the same token again (deterministic signature, same key).
    expect((await page()).credential.token).toBe(p.credential.token);
    // Another certificate: another index.
    expect((await page(OTHER)).credential.idx).not.toBe(p.credential.idx);
  });

  it("refuses electronic certificates for a shared department's certificate", async () => {
    const r = await get(`/api/credentials/certificate?certNo=${encodeURIComponent(SHARED.cert_no)}&source=${encodeURIComponent(SHARED.source)}`, { cookie });
    expect(r.statusCode).toBe(400);
  });

  it('publishes the public keys (JWKS) and a signed, compressed status list', async () => {
    const jwks = (await get('/.well-known/jwks.json')).json();
    const { kid } = (await page()).credential;
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid, alg: 'EdDSA', use: 'sig' })]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    const list = await get('/api/public/credentials/status-list');
    expect(list.headers['content-type']).toContain('application/statuslist+jwt');
    const view = await verifyStatusList(list.body, await publicKeys());
    expect(view.bytes.length).toBeGreaterThanOrEqual(4096);
    expect(Math.abs(view.iat - Date.now() / 1000)).toBeLessThan(600);
  });

  it('verifies offline (signature and status list) and online, with the holder masked', async () => {
    const { token } = (await page()).credential;
    expect((await offline(token)).outcome).toBe('valid');
    const on = await online(token);
    expect(on).toMatchObject({ result: 'valid', token: { outcome: 'valid', issued: CERT.issued, expires: CERT.expires }, certificates: [{ certNo: CERT.cert_no, holderName: '王*国' }] });
  });

  it('follows the registry: a suspended certificate shows as suspended, online at once and offline with the next list', async () => {
    const { token } = (await page(OTHER)).credential;
    await t.db.kysely.updateTable('certificates').set({ status: '暂扣' }).where('cert_no', '=', OTHER.cert_no).execute();
    expect((await online(token)).token.outcome).toBe('suspended');
    credentialServiceOf(ctx).statusList.invalidate();
    expect((await offline(token)).outcome).toBe('suspended');
    await t.db.kysely.updateTable('certificates').set({ status: '吊销' }).where('cert_no', '=', OTHER.cert_no).execute();
    credentialServiceOf(ctx).statusList.invalidate();
    expect((await offline(token)).outcome).toBe('revoked');
    expect((await online(token)).result).toBe('revoked');
  });

  it('does not vouch offline for a certificate given its QR after the list was made; the next list covers it', async () => {
    const keys = await publicKeys();
    const before = await verifyStatusList((await get('/api/public/credentials/status-list')).body, keys);
    const late = certificate({ name: '陈新', status: '暂扣' });
    await insertCertificates(t.db.kysely, [late]);
    const { token } = (await page(late)).credential;
    const old = await verifyCredentialToken(token, { keys, now: Date.now(), statusList: before });
    expect(old.status).toBeNull();
    expect((await offline(token)).outcome).toBe('suspended');
  });

  it('rotates keys: new tokens use the new key, old tokens verify until their key is retired, then fail with the reason', async () => {
    const old = (await page()).credential;
    const rotated = await app.inject({ method: 'POST', url: '/api/credentials/keys/rotate', headers: { cookie }, payload: { note: '年度轮换' } });
    expect(rotated.statusCode).toBe(200);
    const newKid = rotated.json().key.kid;
    expect(newKid).not.toBe(old.kid);
    const fresh = (await page()).credential;
    expect(fresh.kid).toBe(newKid);
    expect((await offline(old.token)).outcome).toBe('valid');
    expect((await online(old.token)).token.outcome).toBe('valid');
    expect((await get('/.well-known/jwks.json')).json().keys.map((k: { kid: string }) => k.kid).sort()).toEqual([old.kid, newKid].sort());

    // The signing key cannot be retired.
    expect((await app.inject({ method: 'POST', url: `/api/credentials/keys/${newKid}/retire`, headers: { cookie }, payload: {} })).statusCode).toBe(409);
    const retire = await app.inject({ method: 'POST', url: `/api/credentials/keys/${old.kid}/retire`, headers: { cookie }, payload: {} });
    expect(retire.statusCode).toBe(204);
    const off = await offline(old.token);
    expect(off.outcome).toBe('retired_key');
    expect(off.reason).toContain('停用');
    const on = await online(old.token);
    expect(on).toMatchObject({ result: 'no_match', token: { outcome: 'retired_key' } });
    expect((await get('/.well-known/jwks.json')).json().keys.map((k: { kid: string }) => k.kid)).toEqual([newKid]);
    expect((await offline(fresh.token)).outcome).toBe('valid');
  });

  it('compromises the signing key: its tokens fail at once and a new key takes over', async () => {
    const current = (await page()).credential;
    const r = await app.inject({ method: 'POST', url: `/api/credentials/keys/${current.kid}/compromise`, headers: { cookie }, payload: { note: '测试' } });
    expect(r.statusCode).toBe(204);
    expect((await offline(current.token)).outcome).toBe('compromised_key');
    expect((await online(current.token)).token.outcome).toBe('compromised_key');
    const next = (await page()).credential;
    expect(next.kid).not.toBe(current.kid);
    expect((await offline(next.token)).outcome).toBe('valid');
    const keys = (await get('/api/credentials/keys', { cookie })).json().items;
    expect(keys.map((k: { status: string }) => k.status).sort()).toEqual(['active', 'compromised', 'retired']);
  });

  it('lets only the provincial administrator manage keys', async () => {
    await insertUser(t.db.kysely, { username: 'city', displayName: '市级用户', role: 'official', region: '510100', passwordHash: await hashPassword(PASSWORD) });
    const cityCookie = await login(app, 'city', PASSWORD);
    expect((await app.inject({ method: 'POST', url: '/api/credentials/keys/rotate', headers: { cookie: cityCookie }, payload: {} })).statusCode).toBe(403);
  });

  it('shares keys between app instances on one database', async () => {
    const second = await buildApp({ db: t.db, config: t.config, logger: false });
    try {
      const token = (await page()).credential.token;
      const r = await second.app.inject({ method: 'GET', url: '/api/public/verify/token', query: { t: token } });
      expect(r.json().token.outcome).toBe('valid');
    } finally {
      await second.app.close();
    }
  });

  it('answers a forged or damaged token with the reason and no certificate', async () => {
    const { token } = (await page()).credential;
    const damaged = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    const r = await online(damaged);
    expect(r).toMatchObject({ result: 'no_match', label: '二维码核验未通过', certificates: [] });
    expect(['bad_signature', 'malformed']).toContain(r.token.outcome);
  });

  it('prints the certificate as PDF, and says clearly when the CJK font is missing', async () => {
    const pdf = await get(`/api/credentials/certificate.pdf?certNo=${encodeURIComponent(CERT.cert_no)}`, { cookie });
    if (pdf.statusCode === 503) {
      expect(pdf.json().error.message).toContain('fonts-noto-cjk');
      console.warn('CJK font missing: PDF test reduced to the 503 answer');
    } else {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.length).toBeGreaterThan(5000);
    }
    const noFont = await buildApp({ db: t.db, config: loadConfig({ ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent', CJK_FONT_PATH: '/nonexistent/font.ttc' }), logger: false });
    try {
      const c2 = await login(noFont.app, 'admin', PASSWORD);
      const r = await noFont.app.inject({ method: 'GET', url: `/api/credentials/certificate.pdf?certNo=${encodeURIComponent(CERT.cert_no)}`, headers: { cookie: c2 } });
      expect(r.statusCode).toBe(503);
      expect(r.json().error.message).toContain('fonts-noto-cjk');
    } finally {
      await noFont.app.close();
    }
  });
});
