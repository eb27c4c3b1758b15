// Per-route request samples for the authorization-matrix test (authz-matrix.test.ts) and the personal-data
// scan (pii-scan.test.ts).
//
// EVERY API ROUTE NEEDS A SAMPLE HERE. The matrix test fails for a route in ctx.routes without one, so
// whoever adds a route adds its sample: `own` builds the request aimed at an object in the caller's own
// jurisdiction (or at a list), `foreign` (object routes) the same request aimed at the other side's object,
// which every permitted caller must answer with 404, the same body as `missing` (an object that does not
// exist). `ok` lists the statuses that count as success for a permitted caller (default 200).
//
// The world: two sides. Side A is 成都市锦江区 (510104) with enterprise A; side M is 绵阳市涪城区 (510703)
// with enterprise M. Each side has an enterprise, a certificate of our registry, a certificate whose
// employer is not in the registry (scoped by the credit code's region digits), a person with a staffing row,
// a screening hit, an import job, a roster check, verification events, an account, a tip and an inspection.

import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../src/server/app.js';
import { allows, type Permission } from '../../src/server/access/policy.js';
import type { Principal, Role } from '../../src/server/access/roles.js';
import { createSession, insertUser } from '../../src/server/auth/users.repository.js';
import { credentialServiceOf } from '../../src/server/credentials/credential-service.js';
import type { Database } from '../../src/server/db/schema.js';
import { maskIdNo } from '../../src/server/domain/masking.js';
import { verificationServiceOf } from '../../src/server/verification/verification-service.js';
import { multipart } from '../support/http.js';
import { creditCode, residentId } from './verification-factories.js';

export type SideName = 'A' | 'M';

export interface Side {
  name: SideName;
  county: string;
  city: string;
  enterprise: { uscc: string; name: string; licence: string };
  /** Certificate of our registry, employed by the side's enterprise. */
  certNo: string;
  /** Certificate whose employer is not in the registry: scoped by the credit code's region digits. */
  looseCertNo: string;
  looseEmployer: string;
  person: { name: string; idNo: string };
  /** A second holder: the loose certificate's. */
  looseHolder: { name: string; idNo: string };
  /** Filled by the setup. */
  importJobId: string;
  rosterId: string;
  accountId: string;
  tipId: string;
  inspectionId: string;
  clueId: string;
  caseId: string;
  personRef: string;
  hitRef: string;
}

function side(name: SideName, county: string, city: string, digits: string, person: string, loose: string): Side {
  return {
    name,
    county,
    city,
    enterprise: { uscc: creditCode(`91${county}MA${digits}000`), name: name === 'A' ? '成都锦江安建工程有限公司' : '绵阳涪城筑安建设有限公司', licence: `(川)JZ安许证字[2023]00${digits}1` },
    certNo: `川建安B(2023)${digits}0001`,
    looseCertNo: `川建安C3(2023)${digits}0002`,
    looseEmployer: creditCode(`91${county}MA${digits}990`),
    person: { name: person, idNo: residentId(`${county}19800101${digits.slice(0, 3)}`) },
    looseHolder: { name: loose, idNo: residentId(`${county}19850505${digits.slice(1, 4)}`) },
    importJobId: '',
    rosterId: '',
    accountId: '',
    tipId: '',
    inspectionId: '',
    clueId: '',
    caseId: '',
    personRef: '',
    hitRef: '',
  };
}

export const SIDES: Record<SideName, Side> = {
  A: side('A', '510104', '510100', '1111', '欧阳锦程', '司马青衫'),
  M: side('M', '510703', '510700', '7777', '诸葛涪江', '上官绵远'),
};

/** Strings of a side that must never reach a caller of the other side (raw and masked personal data). */
export function markersOf(s: Side): string[] {
  return [
    s.certNo,
    s.looseCertNo,
    s.enterprise.uscc,
    s.enterprise.name,
    s.looseEmployer,
    s.person.name,
    s.person.idNo,
    maskIdNo(s.person.idNo),
    s.looseHolder.name,
    s.looseHolder.idNo,
    maskIdNo(s.looseHolder.idNo),
  ];
}

export interface Caller {
  label: string;
  principal: Principal | null;
  cookie: string;
  /** The side whose objects are the caller's own. */
  own: SideName;
  /** The other side, when the caller has one (the province and anonymous callers do not). */
  foreign: SideName | null;
}

const INSTITUTION = creditCode("52510104MJ00000012");

const CALLERS: Array<{ label: string; role: Role | null; region: string; org?: string; own: SideName; foreign: SideName | null }> = [
  { label: 'anonymous', role: null, region: '', own: 'A', foreign: null },
  { label: 'admin@510000', role: 'admin', region: '510000', own: 'A', foreign: null },
  { label: 'admin@510100', role: 'admin', region: '510100', own: 'A', foreign: 'M' },
  { label: 'official@510100', role: 'official', region: '510100', own: 'A', foreign: 'M' },
  { label: 'official@510104', role: 'official', region: '510104', own: 'A', foreign: 'M' },
  { label: 'official@510700', role: 'official', region: '510700', own: 'M', foreign: 'A' },
  { label: 'inspector@510100', role: 'inspector', region: '510100', own: 'A', foreign: 'M' },
  { label: 'auditor@510100', role: 'auditor', region: '510100', own: 'A', foreign: 'M' },
  { label: 'enterprise@A', role: 'enterprise', region: '510104', org: SIDES.A.enterprise.uscc, own: 'A', foreign: 'M' },
  { label: 'enterprise@M', role: 'enterprise', region: '510703', org: SIDES.M.enterprise.uscc, own: 'M', foreign: 'A' },
  { label: 'institution@510104', role: 'institution', region: '510104', org: INSTITUTION, own: 'A', foreign: 'M' },
];

/** The callers (sessions made directly: the matrix is about authorization, login has its own tests). */
export async function makeCallers(db: Kysely<Database>, idleMinutes: number): Promise<Caller[]> {
  const out: Caller[] = [];
  for (const c of CALLERS) {
    if (!c.role) {
      out.push({ label: c.label, principal: null, cookie: '', own: c.own, foreign: c.foreign });
      continue;
    }
    const principal = await insertUser(db, { username: `m-${c.label.replace(/[@]/g, '-')}`, displayName: c.label, role: c.role, region: c.region, orgUscc: c.org ?? null, passwordHash: 'x' });
    out.push({ label: c.label, principal, cookie: `cg_session=${await createSession(db, principal.id, idleMinutes)}`, own: c.own, foreign: c.foreign });
  }
  return out;
}

export const mayUse = (c: Caller, permission: Permission) => allows(c.principal, permission);

// ---- fixtures --------------------------------------------------------------------------------

export const RUN_ID = '00000000-0000-4000-8000-0000000000aa';
const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

export interface World {
  app: FastifyInstance;
  ctx: AppContext;
  admin: string;
  retireKid: string;
  compromiseKid: string;
  seq: number;
}

const json = (res: { statusCode: number; body: string }, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
};

export async function seedWorld(app: FastifyInstance, ctx: AppContext, admin: Caller, officials: Record<SideName, Principal>): Promise<World> {
  const db = ctx.db.kysely;
  // Embedded SQLite keeps verification events in a side file: written where the app reads them.
  const events = (await verificationServiceOf(ctx, app.log)).events;
  const now = new Date().toISOString();
  for (const s of Object.values(SIDES)) {
    await db.insertInto('enterprises').values({ uscc: s.enterprise.uscc, name: s.enterprise.name, region: s.county, license_no: s.enterprise.licence, license_expires: '2099-01-01', license_status: '有效' }).execute();
    const cert = { source: '', category: 'B', operation: null, issuer: '四川省住房和城乡建设厅', issued: '2023-03-01', expires: '2099-02-28', status: '有效' };
    await db
      .insertInto('certificates')
      .values([
        { ...cert, cert_no: s.certNo, name: s.person.name, id_no: s.person.idNo, employer_uscc: s.enterprise.uscc },
        { ...cert, cert_no: s.looseCertNo, category: 'C3', name: s.looseHolder.name, id_no: s.looseHolder.idNo, employer_uscc: s.looseEmployer },
      ])
      .execute();
    await db.insertInto('staffing').values({ project_no: `P-${s.name}`, project_name: `${s.name} 项目`, project_region: s.county, contractor_uscc: s.enterprise.uscc, role: '项目负责人', name: s.person.name, id_no: s.person.idNo, cert_no: s.certNo, start: '2024-01-01', end: null }).execute();
    // Verification events from three clients and places: a signal.
    await events
      .insertInto('verification_events')
      .values([1, 2, 3].map((i) => ({ at: now, channel: 'web', query: `certNo=${s.certNo}`, result: 'valid', client_hash: `c${s.name}${i}`, place_hash: `p${s.name}${i}`, cert_no: s.certNo, source: '' })))
      .execute();
    // An import job made by an official of the side.
    s.importJobId = s.name === 'A' ? '00000000-0000-4000-8000-0000000000a1' : '00000000-0000-4000-8000-0000000000b1';
    await db
      .insertInto('import_jobs')
      .values({ id: s.importJobId, status: 'succeeded', created_at: now, finished_at: now, created_by: officials[s.name].id, file_names: JSON.stringify([`${s.name}.csv`]), progress: null, report: JSON.stringify({ files: [] }), error: null })
      .execute();
  }
  // A finished screening run with one hit on each side (a person rule: the subject is an ID number).
  await db
    .insertInto('screening_runs')
    .values({ id: RUN_ID, status: 'succeeded', as_of: '2025-01-01', params: '{}', rules: '["R13"]', created_at: now, created_by: null, finished_at: now, progress: null, stats: null, previous_run_id: null, hit_count: 2, new_count: 2, gone_count: 0, error: null })
    .execute();
  await db
    .insertInto('screening_hits')
    .values(
      Object.values(SIDES).map((s) => ({
        run_id: RUN_ID,
        rule: 'R13',
        subject: s.person.idNo,
        reason: `持证人 ${s.person.name}（${s.person.idNo}）的身份证号需核查`,
        evidence: JSON.stringify([{ kind: 'certificates', row: { cert_no: s.certNo, name: s.person.name, id_no: s.person.idNo, employer_uscc: s.enterprise.uscc } }]),
        evidence_hash: `h${s.name}`,
        region: s.county,
        city: s.city,
        enterprise_uscc: s.enterprise.uscc,
        change: 'new',
        judgement: null,
      })),
    )
    .execute();

  const world: World = { app, ctx, admin: admin.cookie, retireKid: '', compromiseKid: '', seq: 0 };
  for (const s of Object.values(SIDES)) {
    // Refs as the lists hand them out.
    const persons = json(await app.inject({ method: 'GET', url: `/api/registry/persons?q=${s.person.idNo}`, headers: { cookie: admin.cookie } }), 'persons');
    s.personRef = persons.items[0].ref;
    const hits = json(await app.inject({ method: 'GET', url: `/api/screening/runs/${RUN_ID}/hits?region=${s.county}`, headers: { cookie: admin.cookie } }), 'hits');
    s.hitRef = hits.items[0].subject_ref;
    // A roster check by the side's enterprise (through the API, as an enterprise user would).
    s.accountId = (await insertUser(db, { username: `target-${s.name}`, displayName: `target ${s.name}`, role: 'official', region: s.county, passwordHash: 'x' })).id;
    const tip = json(await app.inject({ method: 'POST', url: '/api/tips', headers: { cookie: admin.cookie }, payload: tipBody(s) }), 'tip');
    s.tipId = tip.id;
    const insp = json(await app.inject({ method: 'POST', url: '/api/inspections', headers: { cookie: admin.cookie }, payload: inspectionBody(s) }), 'inspection');
    s.inspectionId = insp.id;
    s.clueId = json(await app.inject({ method: 'POST', url: '/api/clues', headers: { cookie: admin.cookie }, payload: clueBody(s) }), 'clue').id;
    const filedClue = json(await app.inject({ method: 'POST', url: '/api/clues', headers: { cookie: admin.cookie }, payload: { ...clueBody(s), subjects: [{ kind: 'certificate', value: s.looseCertNo }] } }), 'clue');
    s.caseId = json(await app.inject({ method: 'POST', url: `/api/clues/${filedClue.id}/file`, headers: { cookie: admin.cookie }, payload: { title: `${s.name} 案件` } }), 'case').caseId;
    // 失信名单 entries of the side (a decision writes them; here straight into the table): an organisation and a person.
    const listed = { reason: '行政处罚决定', case_id: s.caseId, region: s.county, listed_at: '2025-02-01T00:00:00.000Z', until: null };
    await db.insertInto('dishonesty_list').values([
      { id: `dishonesty-${s.name}-org`, subject_kind: 'enterprise', subject: s.enterprise.uscc, name: s.enterprise.name, ...listed },
      { id: `dishonesty-${s.name}-person`, subject_kind: 'person', subject: s.person.idNo, name: s.person.name, ...listed },
    ]).execute();
  }
  const keys = credentialServiceOf(ctx).keys;
  await keys.signer();
  world.retireKid = (await keys.rotate('matrix: to retire')).kid;
  world.compromiseKid = (await keys.rotate('matrix: to compromise')).kid;
  await keys.rotate('matrix: active');
  return world;
}

/** A roster check by an enterprise user of the side (made with that user's session). */
export async function seedRosters(app: FastifyInstance, callers: Caller[]): Promise<void> {
  for (const s of Object.values(SIDES)) {
    const c = callers.find((x) => x.label === `enterprise@${s.name}`)!;
    const body = rosterUpload(s);
    const res = json(await app.inject({ method: 'POST', url: '/api/roster/check', headers: { ...body.headers, cookie: c.cookie }, payload: body.payload }), 'roster');
    s.rosterId = res.id;
  }
}

const rosterUpload = (s: Side) => multipart([{ name: `名册-${s.name}.csv`, content: `姓名,身份证号,证书编号\r\n${s.person.name},${s.person.idNo},${s.certNo}\r\n` }]);
const tipBody = (s: Side) => ({ category: '假证书', anonymous: true, region: s.county, channel: '12350', subjectCertNo: s.certNo, description: `举报${s.name}侧项目现场有人持假证上岗，请核查。` });
const clueBody = (s: Side) => ({ subjects: [{ kind: 'enterprise', value: s.enterprise.uscc }], summary: `${s.name} 侧企业涉嫌使用假证`, region: s.county });
const inspectionBody = (s: Side) => ({ kind: 'site', region: s.county, date: '2025-01-10', inspectors: ['检查员甲'], projectName: `${s.name} 项目`, orgUscc: s.enterprise.uscc });

// ---- samples -----------------------------------------------------------------------------------

export type Req = InjectOptions & { method: NonNullable<InjectOptions['method']>; url: string };

export interface Sample {
  own: (w: World, s: Side, c: Caller) => Req | Promise<Req>;
  foreign?: (w: World, s: Side, c: Caller) => Req | Promise<Req>;
  /** A request for an object that does not exist: its body must equal the foreign answer's. */
  missing?: (w: World, s: Side, c: Caller) => Req | Promise<Req>;
  ok?: number[];
  /**
   * Roles that hold the permission but to whom the object is never "own": its own scope rule says so
   * (inspectors see only the cases assigned to them). They must get 404 like for a foreign one.
   */
  hiddenFrom?: Role[];
}

const get = (url: string): Req => ({ method: 'GET', url });
const post = (url: string, payload?: object): Req => ({ method: 'POST', url, payload: payload ?? {} });
const uploadReq = (url: string, files: Parameters<typeof multipart>[0]): Req => {
  const b = multipart(files);
  return { method: 'POST', url, headers: b.headers, payload: b.payload };
};
const next = (w: World) => ++w.seq;

/** Creates an object as the province admin (for samples that use one up). */
async function adminPost(w: World, url: string, payload: object) {
  return json(await w.app.inject({ method: 'POST', url, headers: { cookie: w.admin }, payload }), url);
}

export const SAMPLES: Record<string, Sample> = {
  'GET /api/health': { own: () => get('/api/health') },
  'GET /api/registry/summary': { own: () => get('/api/registry/summary') },
  'GET /api/regions': { own: () => get('/api/regions') },
  // Login and friends answer "wrong credentials" to these samples: the matrix checks only who may call.
  // Repeated failures from one address are throttled (429): also a refusal.
  'POST /api/auth/login': { own: () => post('/api/auth/login', { username: 'nobody', password: 'wrong-password' }), ok: [401, 429] },
  'POST /api/auth/login/totp': { own: () => post('/api/auth/login/totp', { code: '000000' }), ok: [400, 401] },
  'POST /api/auth/login/password': { own: () => post('/api/auth/login/password', { newPassword: 'Correct-Horse-Battery-9' }), ok: [400, 401] },
  // Logging out ends the session it is sent with: a session of its own, so the caller's stays.
  'POST /api/auth/logout': {
    own: async (w, _s, c) => ({ ...post('/api/auth/logout'), headers: c.principal ? { cookie: `cg_session=${await createSession(w.ctx.db.kysely, c.principal.id, 30)}` } : {} }),
    ok: [204],
  },
  'GET /api/auth/me': { own: () => get('/api/auth/me') },
  'POST /api/auth/password': { own: () => post('/api/auth/password', { currentPassword: 'not-the-password', newPassword: 'Correct-Horse-Battery-9' }), ok: [400] },

  'GET /api/accounts': { own: () => get('/api/accounts') },
  'POST /api/accounts': { own: (w, s) => post('/api/accounts', { username: `acct-${next(w)}`, displayName: '新账号', role: 'inspector', region: s.county }), ok: [201] },
  // Disabling twice (or enabling an active account) is a 409: the account was found in scope.
  'POST /api/accounts/:id/disable': { ok: [200, 409], own: (_w, s) => post(`/api/accounts/${s.accountId}/disable`), foreign: (_w, s) => post(`/api/accounts/${s.accountId}/disable`), missing: () => post(`/api/accounts/${MISSING_ID}/disable`) },
  'POST /api/accounts/:id/enable': { ok: [200, 409], own: (_w, s) => post(`/api/accounts/${s.accountId}/enable`), foreign: (_w, s) => post(`/api/accounts/${s.accountId}/enable`), missing: () => post(`/api/accounts/${MISSING_ID}/enable`) },
  'POST /api/accounts/:id/reset': { own: (_w, s) => post(`/api/accounts/${s.accountId}/reset`), foreign: (_w, s) => post(`/api/accounts/${s.accountId}/reset`), missing: () => post(`/api/accounts/${MISSING_ID}/reset`) },
  'POST /api/registrations': {
    own: (w, s) => post('/api/registrations', registration(w, s)),
    ok: [201],
  },
  'GET /api/registrations': { own: () => get('/api/registrations') },
  'POST /api/registrations/:id/approve': {
    own: async (w, s) => post(`/api/registrations/${(await adminPost(w, '/api/registrations', registration(w, s))).registration.id}/approve`),
    foreign: async (w, s) => post(`/api/registrations/${(await adminPost(w, '/api/registrations', registration(w, s))).registration.id}/approve`),
    missing: () => post(`/api/registrations/${MISSING_ID}/approve`),
  },
  'POST /api/registrations/:id/reject': {
    own: async (w, s) => post(`/api/registrations/${(await adminPost(w, '/api/registrations', registration(w, s))).registration.id}/reject`, { reason: '资料不全，请补充' }),
    foreign: async (w, s) => post(`/api/registrations/${(await adminPost(w, '/api/registrations', registration(w, s))).registration.id}/reject`, { reason: '资料不全，请补充' }),
    missing: () => post(`/api/registrations/${MISSING_ID}/reject`, { reason: '资料不全，请补充' }),
  },

  'POST /api/imports': { own: () => uploadReq('/api/imports', [{ name: 'unknown.csv', content: 'a,b\n1,2\n' }]), ok: [202] },
  'GET /api/imports': { own: () => get('/api/imports') },
  'GET /api/imports/:id': { own: (_w, s) => get(`/api/imports/${s.importJobId}`), foreign: (_w, s) => get(`/api/imports/${s.importJobId}`), missing: () => get(`/api/imports/${MISSING_ID}`) },
  'GET /api/imports/:id/report.xlsx': { own: (_w, s) => get(`/api/imports/${s.importJobId}/report.xlsx`), foreign: (_w, s) => get(`/api/imports/${s.importJobId}/report.xlsx`), missing: () => get(`/api/imports/${MISSING_ID}/report.xlsx`) },

  'GET /api/registry/counts': { own: () => get('/api/registry/counts') },
  'GET /api/registry/certificates': { own: () => get('/api/registry/certificates?pageSize=200') },
  'GET /api/registry/certificates/export.xlsx': { own: () => get('/api/registry/certificates/export.xlsx') },
  'GET /api/registry/enterprises': { own: () => get('/api/registry/enterprises?pageSize=200') },
  'GET /api/registry/enterprises/export.xlsx': { own: () => get('/api/registry/enterprises/export.xlsx') },
  'GET /api/registry/persons': { own: () => get('/api/registry/persons?pageSize=200') },
  'GET /api/registry/persons/export.xlsx': { own: () => get('/api/registry/persons/export.xlsx') },
  'GET /api/registry/persons/:idNo': {
    own: (_w, s) => get(`/api/registry/persons/${s.personRef}`),
    foreign: (_w, s) => get(`/api/registry/persons/${s.person.idNo}`),
    missing: () => get(`/api/registry/persons/${residentId('51010419700101001')}`),
  },
  'POST /api/registry/persons/:idNo/reveal': {
    own: (_w, s) => post(`/api/registry/persons/${s.personRef}/reveal`, { reason: '矩阵测试核对身份' }),
    foreign: (_w, s) => post(`/api/registry/persons/${s.personRef}/reveal`, { reason: '矩阵测试核对身份' }),
    missing: () => post(`/api/registry/persons/${residentId('51010419700101001')}/reveal`, { reason: '矩阵测试核对身份' }),
  },

  'GET /api/public/verify': { own: (_w, s) => get(`/api/public/verify?certNo=${encodeURIComponent(s.certNo)}&name=${encodeURIComponent(s.person.name)}`) },
  'GET /api/public/verify/token': { own: () => get('/api/public/verify/token?t=not-a-token') },
  'GET /api/verification/signals': { own: () => get('/api/verification/signals?minClients=2&minPlaces=2') },
  'GET /api/verification/events': { own: () => get('/api/verification/events') },
  'GET /api/verification/stats': { own: () => get('/api/verification/stats') },

  'GET /api/public/credentials/keys': { own: () => get('/api/public/credentials/keys') },
  'GET /api/public/credentials/status-list': { own: () => get('/api/public/credentials/status-list') },
  'GET /api/credentials/certificate': {
    own: (_w, s) => get(`/api/credentials/certificate?certNo=${encodeURIComponent(s.certNo)}`),
    foreign: (_w, s) => get(`/api/credentials/certificate?certNo=${encodeURIComponent(s.certNo)}`),
    missing: () => get(`/api/credentials/certificate?certNo=${encodeURIComponent('川建安B(2023)0000000')}`),
  },
  'GET /api/credentials/certificate.pdf': {
    own: (_w, s) => get(`/api/credentials/certificate.pdf?certNo=${encodeURIComponent(s.certNo)}`),
    foreign: (_w, s) => get(`/api/credentials/certificate.pdf?certNo=${encodeURIComponent(s.certNo)}`),
    missing: () => get(`/api/credentials/certificate.pdf?certNo=${encodeURIComponent('川建安B(2023)0000000')}`),
    // No CJK font on a machine without one: the PDF answers 503 there; scope is decided before.
    ok: [200, 503],
  },
  'GET /api/credentials/keys': { own: () => get('/api/credentials/keys') },
  'POST /api/credentials/keys/rotate': { own: () => post('/api/credentials/keys/rotate', { note: 'matrix' }) },
  'POST /api/credentials/keys/:kid/retire': { own: (w) => post(`/api/credentials/keys/${w.retireKid}/retire`, {}), ok: [204, 409] },
  'POST /api/credentials/keys/:kid/compromise': { own: (w) => post(`/api/credentials/keys/${w.compromiseKid}/compromise`, {}), ok: [204] },

  'POST /api/roster/check': { own: (_w, s) => uploadReq('/api/roster/check', [{ name: 'r.csv', content: `姓名,身份证号,证书编号\r\n${s.person.name},${s.person.idNo},${s.certNo}\r\n` }]) },
  'GET /api/roster/checks': { own: () => get('/api/roster/checks?pageSize=200') },
  'GET /api/roster/results/:id.xlsx': { own: (_w, s) => get(`/api/roster/results/${s.rosterId}.xlsx`), foreign: (_w, s) => get(`/api/roster/results/${s.rosterId}.xlsx`), missing: () => get(`/api/roster/results/${MISSING_ID}.xlsx`) },

  'GET /api/screening/rules': { own: () => get('/api/screening/rules') },
  'POST /api/screening/runs': { own: () => post('/api/screening/runs', { asOf: '2025-01-01', rules: ['R13'] }), ok: [202] },
  'GET /api/screening/runs': { own: () => get('/api/screening/runs') },
  'GET /api/screening/runs/:id': { own: () => get(`/api/screening/runs/${RUN_ID}`) },
  'GET /api/screening/runs/:id/summary': { own: () => get(`/api/screening/runs/${RUN_ID}/summary`) },
  'GET /api/screening/runs/:id/hits': { own: () => get(`/api/screening/runs/${RUN_ID}/hits?pageSize=200&judgement=all`) },
  'GET /api/screening/runs/:id/hits/:rule/:subject': {
    own: (_w, s) => get(`/api/screening/runs/${RUN_ID}/hits/R13/${encodeURIComponent(s.hitRef)}`),
    foreign: (_w, s) => get(`/api/screening/runs/${RUN_ID}/hits/R13/${encodeURIComponent(s.person.idNo)}`),
    missing: () => get(`/api/screening/runs/${RUN_ID}/hits/R13/${residentId('51010419700101001')}`),
  },
  'GET /api/screening/runs/:id/export.xlsx': { own: () => get(`/api/screening/runs/${RUN_ID}/export.xlsx?judgement=all`) },
  'POST /api/screening/judgements': {
    own: (_w, s) => post('/api/screening/judgements', { runId: RUN_ID, rule: 'R13', subject: s.hitRef, decision: 'dismissed', reason: '矩阵测试：已核实' }),
    foreign: (_w, s) => post('/api/screening/judgements', { runId: RUN_ID, rule: 'R13', subject: s.hitRef, decision: 'dismissed', reason: '矩阵测试：已核实' }),
    missing: () => post('/api/screening/judgements', { runId: RUN_ID, rule: 'R13', subject: residentId('51010419700101001'), decision: 'dismissed', reason: '矩阵测试：已核实' }),
  },

  // Public tips are rate-limited per address (429 after a few from the test's one address).
  'POST /api/public/tips': { own: (_w, s) => post('/api/public/tips', { ...tipBody(s), channel: undefined, pin: '864213' }), ok: [200, 429] },
  'POST /api/public/tips/track': { own: () => post('/api/public/tips/track', { code: 'NOTACODE', pin: '000000' }), ok: [400, 401, 404, 429] },
  'POST /api/public/tips/track/messages': { own: () => post('/api/public/tips/track/messages', { code: 'NOTACODE', pin: '000000', body: '补充说明' }), ok: [400, 401, 404, 429] },
  'POST /api/tips': { own: (_w, s) => post('/api/tips', tipBody(s)), ok: [200, 201] },
  'GET /api/tips': { own: () => get('/api/tips?pageSize=100') },
  'GET /api/tips/:id': { own: (_w, s) => get(`/api/tips/${s.tipId}`), foreign: (_w, s) => get(`/api/tips/${s.tipId}`), missing: () => get(`/api/tips/${MISSING_ID}`) },
  'POST /api/tips/:id/reveal': {
    own: (_w, s) => post(`/api/tips/${s.tipId}/reveal`, { reason: '矩阵测试核对举报人' }),
    foreign: (_w, s) => post(`/api/tips/${s.tipId}/reveal`, { reason: '矩阵测试核对举报人' }),
    missing: () => post(`/api/tips/${MISSING_ID}/reveal`, { reason: '矩阵测试核对举报人' }),
  },
  // No attachment on the tip: 404 for own as well; the foreign answer must still be the same 404.
  'GET /api/tips/:id/attachments/:sha256': {
    own: (_w, s) => get(`/api/tips/${s.tipId}/attachments/${'0'.repeat(64)}`),
    foreign: (_w, s) => get(`/api/tips/${s.tipId}/attachments/${'0'.repeat(64)}`),
    ok: [404],
  },
  'POST /api/tips/:id/messages': {
    own: (_w, s) => post(`/api/tips/${s.tipId}/messages`, { body: '已受理，正在核查。' }),
    foreign: (_w, s) => post(`/api/tips/${s.tipId}/messages`, { body: '已受理，正在核查。' }),
    missing: () => post(`/api/tips/${MISSING_ID}/messages`, { body: '已受理，正在核查。' }),
    ok: [200, 201, 204],
  },
  'POST /api/tips/:id/close': {
    own: async (w, s) => post(`/api/tips/${(await adminPost(w, '/api/tips', tipBody(s))).id}/close`, { outcome: '经核查，情况属实，已立案。', valid: true }),
    foreign: async (w, s) => post(`/api/tips/${(await adminPost(w, '/api/tips', tipBody(s))).id}/close`, { outcome: '经核查，情况属实，已立案。', valid: true }),
    missing: () => post(`/api/tips/${MISSING_ID}/close`, { outcome: '经核查，情况属实，已立案。', valid: true }),
    ok: [200, 204],
  },
  // Rewards need a closed, valid tip; an open one is refused as a conflict (409) — still inside scope.
  'POST /api/tips/:id/reward': {
    own: (_w, s) => post(`/api/tips/${s.tipId}/reward`, { decision: 'refused', reason: '不符合奖励条件' }),
    foreign: (_w, s) => post(`/api/tips/${s.tipId}/reward`, { decision: 'refused', reason: '不符合奖励条件' }),
    missing: () => post(`/api/tips/${MISSING_ID}/reward`, { decision: 'refused', reason: '不符合奖励条件' }),
    ok: [200, 409],
  },
  'POST /api/tips/:id/reward/paid': {
    own: (_w, s) => post(`/api/tips/${s.tipId}/reward/paid`),
    foreign: (_w, s) => post(`/api/tips/${s.tipId}/reward/paid`),
    missing: () => post(`/api/tips/${MISSING_ID}/reward/paid`),
    ok: [200, 409],
  },

  'POST /api/inspections': { own: (_w, s) => post('/api/inspections', inspectionBody(s)), ok: [200, 201] },
  'POST /api/inspections/:id/checks': {
    own: (_w, s) => post(`/api/inspections/${s.inspectionId}/checks`, { method: 'typed', certNo: s.certNo, personName: s.person.name, idNo: s.person.idNo }),
    foreign: (_w, s) => post(`/api/inspections/${s.inspectionId}/checks`, { method: 'typed', certNo: s.certNo, personName: s.person.name, idNo: s.person.idNo }),
    missing: (_w, s) => post(`/api/inspections/${MISSING_ID}/checks`, { method: 'typed', certNo: s.certNo, personName: s.person.name, idNo: s.person.idNo }),
    ok: [200, 201],
  },
  'GET /api/inspections': { own: () => get('/api/inspections?pageSize=100') },
  'GET /api/inspections/:id': { own: (_w, s) => get(`/api/inspections/${s.inspectionId}`), foreign: (_w, s) => get(`/api/inspections/${s.inspectionId}`), missing: () => get(`/api/inspections/${MISSING_ID}`) },

  'GET /api/websites/official': { own: () => get('/api/websites/official') },
  'POST /api/websites/official': { own: (w) => post('/api/websites/official', { host: `m${next(w)}.example.gov.cn`, name: '矩阵测试站' }), ok: [200, 201] },
  'DELETE /api/websites/official/:host': {
    own: async (w) => {
      const host = `d${next(w)}.example.gov.cn`;
      await adminPost(w, '/api/websites/official', { host, name: '矩阵测试站' });
      return { method: 'DELETE', url: `/api/websites/official/${host}` };
    },
    ok: [200, 204],
  },
  'POST /api/websites/check': { own: () => post('/api/websites/check', { url: 'http://zlaq-mohurd.gov.cn.example.com/' }) },
  'GET /api/websites/reported': { own: () => get('/api/websites/reported') },

  'GET /api/clues': { own: () => get('/api/clues?pageSize=100') },
  'GET /api/clues/:id': { own: (_w, s) => get(`/api/clues/${s.clueId}`), foreign: (_w, s) => get(`/api/clues/${s.clueId}`), missing: () => get(`/api/clues/${MISSING_ID}`) },
  'POST /api/clues': { own: (_w, s) => post('/api/clues', clueBody(s)), ok: [200, 201] },
  'POST /api/clues/from-signal': { own: (_w, s) => post('/api/clues/from-signal', { certNo: s.certNo, reasons: ['多地核验'] }), ok: [200, 201] },
  'POST /api/clues/:id/file': {
    own: async (w, s) => post(`/api/clues/${(await adminPost(w, '/api/clues', { ...clueBody(s), subjects: [{ kind: 'website', value: `http://f${next(w)}.example.com/` }] })).id}/file`, { title: '矩阵测试立案' }),
    foreign: async (w, s) => post(`/api/clues/${(await adminPost(w, '/api/clues', { ...clueBody(s), subjects: [{ kind: 'website', value: `http://f${next(w)}.example.com/` }] })).id}/file`, { title: '矩阵测试立案' }),
    missing: () => post(`/api/clues/${MISSING_ID}/file`, { title: '矩阵测试立案' }),
    ok: [201],
  },
  'POST /api/clues/:id/dismiss': {
    own: async (w, s) => post(`/api/clues/${(await adminPost(w, '/api/clues', { ...clueBody(s), subjects: [{ kind: 'website', value: `http://x${next(w)}.example.com/` }] })).id}/dismiss`, { reason: '经核查不属实' }),
    foreign: async (w, s) => post(`/api/clues/${(await adminPost(w, '/api/clues', { ...clueBody(s), subjects: [{ kind: 'website', value: `http://x${next(w)}.example.com/` }] })).id}/dismiss`, { reason: '经核查不属实' }),
    missing: () => post(`/api/clues/${MISSING_ID}/dismiss`, { reason: '经核查不属实' }),
  },
  'GET /api/cases': { own: () => get('/api/cases?pageSize=100') },
  'GET /api/cases/summary': { own: () => get('/api/cases/summary') },
  'GET /api/dishonesty': { own: () => get('/api/dishonesty?pageSize=100') },
  'GET /api/cases/deadlines': { own: () => get('/api/cases/deadlines') },
  'PUT /api/cases/deadlines': { own: () => ({ method: 'PUT', url: '/api/cases/deadlines', payload: {} }) },
  'GET /api/cases/meta/labels': { own: () => get('/api/cases/meta/labels') },
  'GET /api/cases/:id': { hiddenFrom: ['inspector'], own: (_w, s) => get(`/api/cases/${s.caseId}`), foreign: (_w, s) => get(`/api/cases/${s.caseId}`), missing: () => get(`/api/cases/${MISSING_ID}`) },
  'GET /api/cases/:id/assignees': { hiddenFrom: ['inspector'], own: (_w, s) => get(`/api/cases/${s.caseId}/assignees`), foreign: (_w, s) => get(`/api/cases/${s.caseId}/assignees`), missing: () => get(`/api/cases/${MISSING_ID}/assignees`) },
  // Case actions: whether the action fits the case's state is the case machine's business (400/409 there);
  // here: the case is found in one's own jurisdiction and not in the other.
  'POST /api/cases/:id/actions': { hiddenFrom: ['inspector'],
    own: (_w, s) => post(`/api/cases/${s.caseId}/actions`, { action: 'investigate', note: '开始调查' }),
    foreign: (_w, s) => post(`/api/cases/${s.caseId}/actions`, { action: 'investigate', note: '开始调查' }),
    missing: () => post(`/api/cases/${MISSING_ID}/actions`, { action: 'investigate', note: '开始调查' }),
    ok: [200, 201, 400, 409],
  },
  'POST /api/cases/:id/files': { hiddenFrom: ['inspector'],
    own: (_w, s) => uploadReq(`/api/cases/${s.caseId}/files`, [{ name: 'evidence.pdf', content: '%PDF-1.4 matrix' }]),
    foreign: (_w, s) => uploadReq(`/api/cases/${s.caseId}/files`, [{ name: 'evidence.pdf', content: '%PDF-1.4 matrix' }]),
    missing: () => uploadReq(`/api/cases/${MISSING_ID}/files`, [{ name: 'evidence.pdf', content: '%PDF-1.4 matrix' }]),
    ok: [200, 201, 400, 409],
  },
  // No such file on the case: 404 for one's own case too; the other side's answers the same.
  'GET /api/cases/:id/files/:fileId': { own: (_w, s) => get(`/api/cases/${s.caseId}/files/${MISSING_ID}`), foreign: (_w, s) => get(`/api/cases/${s.caseId}/files/${MISSING_ID}`), ok: [404] },
  'POST /api/cases/:id/transfers': { hiddenFrom: ['inspector'],
    own: (_w, s) => post(`/api/cases/${s.caseId}/transfers`, { toRegion: '510000', toUnit: '省住建厅', reason: '矩阵测试移交' }),
    foreign: (_w, s) => post(`/api/cases/${s.caseId}/transfers`, { toRegion: '510000', toUnit: '省住建厅', reason: '矩阵测试移交' }),
    missing: () => post(`/api/cases/${MISSING_ID}/transfers`, { toRegion: '510000', toUnit: '省住建厅', reason: '矩阵测试移交' }),
    ok: [200, 201, 400, 409],
  },
  'POST /api/cases/:id/police': { hiddenFrom: ['inspector'],
    own: (_w, s) => post(`/api/cases/${s.caseId}/police`, { toUnit: '市公安局', reason: '涉嫌伪造证件' }),
    foreign: (_w, s) => post(`/api/cases/${s.caseId}/police`, { toUnit: '市公安局', reason: '涉嫌伪造证件' }),
    missing: () => post(`/api/cases/${MISSING_ID}/police`, { toUnit: '市公安局', reason: '涉嫌伪造证件' }),
    ok: [200, 201, 400, 409],
  },
  'POST /api/cases/:id/police/receipt': { hiddenFrom: ['inspector'],
    own: (_w, s) => post(`/api/cases/${s.caseId}/police/receipt`, { receivedBy: '值班民警', receivedOn: '2025-01-02', docNo: '公(2025)1号' }),
    foreign: (_w, s) => post(`/api/cases/${s.caseId}/police/receipt`, { receivedBy: '值班民警', receivedOn: '2025-01-02', docNo: '公(2025)1号' }),
    missing: () => post(`/api/cases/${MISSING_ID}/police/receipt`, { receivedBy: '值班民警', receivedOn: '2025-01-02', docNo: '公(2025)1号' }),
    ok: [200, 201, 400, 409],
  },
  'GET /api/transfers/incoming': { own: () => get('/api/transfers/incoming') },
  // No transfer fixtures yet (the enforcement tests cover acceptance): an unknown transfer is 404 for all.
  'POST /api/transfers/:id/accept': { own: () => post(`/api/transfers/${MISSING_ID}/accept`, {}), ok: [404] },
  'POST /api/transfers/:id/reject': { own: () => post(`/api/transfers/${MISSING_ID}/reject`, { reason: '不属本辖区' }), ok: [404] },

  'GET /api/audit': { own: () => get('/api/audit?pageSize=200') },
  'GET /api/audit/actions': { own: () => get('/api/audit/actions') },
  'GET /api/audit/export': { own: () => get('/api/audit/export') },
  'GET /api/audit/verify': { own: () => get('/api/audit/verify') },
};

function registration(w: World, s: Side) {
  return { kind: 'enterprise', orgUscc: s.enterprise.uscc, licenceNo: s.enterprise.licence, contactName: '联系人', contactPhone: '13800000000', username: `reg-${s.name.toLowerCase()}-${next(w)}`, password: 'Matrix-Registration-2025' };
}

/** Sends a sample as the caller (a sample may bring its own session: logout ends the one it is sent with). */
export async function send(app: FastifyInstance, c: Caller, req: Req) {
  return app.inject({ ...req, headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...(req.headers ?? {}) } });
}

/** The text of an answer: JSON/text as is, an Excel workbook as its cells. */
export async function answerText(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
  return cells.join('\n');
}
