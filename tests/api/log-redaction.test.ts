// No personal data in the logs: an app built as in production (logger options from src/server/logging),
// logging at trace level into a captured destination, is driven with requests that carry ID numbers and
// names — public verification, registry searches and a person's page, a roster with errors, a careless
// log line and a thrown error holding an ID number — and no captured line holds an unmasked ID number,
// mobile number, fixture name or session cookie.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createSession, insertUser } from '../../src/server/auth/users.repository.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { multipart } from '../support/http.js';
import { certificate, EMPLOYER, insertCertificates, residentId } from './verification-factories.js';

const dialects = await testDialects();

const HOLDER = certificate({ name: '欧阳秀英', id_no: residentId('51010419800315432') });
const OTHER = certificate({ name: '司马建国', id_no: residentId('51070319851121765') });
const STRANGER = { name: '诸葛小明', id_no: residentId('51130219750102456') };
const MOBILE = '13912345678';
const NAMES = [HOLDER.name, OTHER.name, STRANGER.name];
const ID_NUMBERS = [HOLDER.id_no, OTHER.id_no, STRANGER.id_no];

describe.each(dialects)('log redaction (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let cookie: string;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestDb(dialect, { LOG_LEVEL: 'trace' });
    await insertCertificates(t.db.kysely, [HOLDER, OTHER]);
    ({ app } = await buildApp({ db: t.db, config: t.config, logDestination: { write: (line) => lines.push(line) } }));
    // A careless route, as someone might add one: logs personal data under keys and in the message,
    // then throws an error whose message holds an ID number.
    app.get('/api/test/careless/:idNo', { config: { permission: 'public' } }, async (req) => {
      const { idNo } = req.params as { idNo: string };
      req.log.info({ person: { name: HOLDER.name, idNo }, holder: HOLDER.name, displayName: OTHER.name, query: { id_no: idNo } }, `looking up ${idNo}, phone ${MOBILE}`);
      req.log.debug({ rows: [{ certificate: { holderName: STRANGER.name } }] }, 'rows');
      throw new Error(`no certificate for ${idNo} (mobile ${MOBILE})`);
    });
    const official = await insertUser(t.db.kysely, { username: 'log-official', displayName: OTHER.name, role: 'official', region: '510000', passwordHash: 'x' });
    cookie = `cg_session=${await createSession(t.db.kysely, official.id, 30)}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('drives requests that carry ID numbers and names', async () => {
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
    // Public verification, every way.
    expect((await get(`/api/public/verify?${q({ idNo: HOLDER.id_no, name: HOLDER.name })}`)).statusCode).toBeLessThan(500);
    expect((await get(`/api/public/verify?${q({ certNo: HOLDER.cert_no, name: STRANGER.name })}`)).statusCode).toBeLessThan(500);
    expect((await get(`/api/public/verify?${q({ idNo: STRANGER.id_no, name: STRANGER.name })}`)).statusCode).toBeLessThan(500);
    // Registry searches and a person's page (the ID number in the path).
    expect((await get(`/api/registry/persons?${q({ q: HOLDER.id_no })}`)).statusCode).toBeLessThan(500);
    expect((await get(`/api/registry/certificates?${q({ q: OTHER.name })}`)).statusCode).toBeLessThan(500);
    expect((await get(`/api/registry/persons/${HOLDER.id_no}`)).statusCode).toBeLessThan(500);
    expect((await get(`/api/registry/persons?${q({ q: `${STRANGER.name}${'x'.repeat(200)}` })}`)).statusCode).toBe(400);
    // A roster with errors: a bad check digit, a wrong name, an unknown number, an empty row.
    const csv = [
      ['姓名', '身份证号', '证书编号', '聘用单位统一社会信用代码'],
      [HOLDER.name, HOLDER.id_no, HOLDER.cert_no, EMPLOYER.uscc],
      [STRANGER.name, OTHER.id_no, OTHER.cert_no, EMPLOYER.uscc],
      [OTHER.name, OTHER.id_no.slice(0, 17) + (OTHER.id_no.endsWith('1') ? '2' : '1'), OTHER.cert_no, EMPLOYER.uscc],
      [STRANGER.name, STRANGER.id_no, '川建安B(2024)9999999', EMPLOYER.uscc],
      ['', STRANGER.id_no, '', ''],
    ]
      .map((r) => r.join(','))
      .join('\r\n');
    const body = multipart([{ name: `${STRANGER.name}-名册.csv`, content: csv }]);
    const roster = await app.inject({ method: 'POST', url: '/api/roster/check', headers: { ...body.headers, cookie }, payload: body.payload });
    expect(roster.statusCode, roster.body).toBeLessThan(500);
    // A failed login typed with an ID number as the user name.
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: STRANGER.id_no, password: `${STRANGER.name}123456` } });
    // The careless route: logs and a 500 with the error logged.
    const boom = await app.inject({ method: 'GET', url: `/api/test/careless/${STRANGER.id_no}?name=${encodeURIComponent(STRANGER.name)}&mobile=${MOBILE}` });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain(STRANGER.id_no);
  });

  it('logs every line as JSON with no ID number, mobile number, fixture name or session cookie', () => {
    expect(lines.length).toBeGreaterThan(10);
    const text = lines.join('');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    for (const id of ID_NUMBERS) {
      expect(text).not.toContain(id);
      expect(text.toUpperCase()).not.toContain(id.toUpperCase());
    }
    expect(text).not.toContain(MOBILE);
    expect(text).not.toContain(cookie.slice('cg_session='.length)); // busboy logs the request headers at trace
    for (const name of NAMES) {
      expect(text).not.toContain(name);
      expect(text).not.toContain(encodeURIComponent(name));
    }
    // The lines were captured with the data masked, not merely without it.
    expect(text).toContain(`${STRANGER.id_no.slice(0, 3)}***********${STRANGER.id_no.slice(-4)}`);
    expect(text).toContain('139****5678');
    expect(text).toContain('[已脱敏]');
    expect(text).toContain('"path":"/api/registry/persons/510***********');
    const error = lines.map((l) => JSON.parse(l)).find((l) => l.err);
    expect(error?.err.message).toMatch(/^no certificate for 511\*{11}\d{3}[\dX] \(mobile 139\*{4}5678\)$/);
  });
});
