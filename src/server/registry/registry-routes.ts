// Console registry API: browse, search and export certificates, enterprises and persons.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { CERT_CATEGORIES, CERT_STATUSES, LICENCE_STATUSES } from '../domain/certificates.js';
import { attachment, streamWorkbook, XLSX_MIME, type SheetSpec } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { todayCst } from '../domain/dates.js';
import {
  countCertificates,
  countEnterprises,
  countPersons,
  iterateCertificates,
  iterateEnterprises,
  iteratePersons,
  listCertificates,
  listEnterprises,
  listPersons,
  personDetail,
  scopedCounts,
  type CertificateFilter,
  type CertificateRow,
  type EnterpriseFilter,
  type PersonRow,
} from './registry.repository.js';
import { presentCertificate, presentEnterprise, presentPerson, regionName } from './presenters.js';
import { isValidResidentId } from '../domain/resident-id.js';
import { maskIdNo, maskText } from '../domain/masking.js';
import { PassThrough } from 'node:stream';
import { certificateForViewer, maskHolder, MIN_REVEAL_REASON } from './personal-data.js';
import { refSealerOf } from './sealed-ref.js';

const pageProps = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
} as const;
const regionProp = { type: 'string', pattern: '^\\d{6}$' } as const;

const certificateFilterProps = {
  q: { type: 'string', maxLength: 100 },
  category: { type: 'string', enum: [...CERT_CATEGORIES] },
  status: { type: 'string', enum: CERT_STATUSES.map((s) => s.label) },
  source: { type: 'string', enum: ['own', 'external'] },
  region: regionProp,
  expired: { type: 'boolean' },
} as const;

/** A certificate as the console shows it (also the electronic certificate's page). */
export const certificateItem = {
  type: 'object',
  properties: {
    holder_ref: { type: 'string' },
    cert_no: { type: 'string' },
    source: { type: 'string' },
    category: { type: 'string' },
    operation: { type: ['string', 'null'] },
    operation_name: { type: ['string', 'null'] },
    name: { type: 'string' },
    id_no: { type: 'string' },
    employer_uscc: { type: ['string', 'null'] },
    employer_name: { type: ['string', 'null'] },
    issuer: { type: ['string', 'null'] },
    issued: { type: 'string' },
    expires: { type: 'string' },
    status: { type: 'string' },
    expired: { type: 'boolean' },
  },
} as const;

const enterpriseFilterProps = {
  q: { type: 'string', maxLength: 100 },
  region: regionProp,
  licenseStatus: { type: 'string', enum: [...LICENCE_STATUSES, 'none'] },
} as const;

const enterpriseItem = {
  type: 'object',
  properties: {
    uscc: { type: 'string' },
    uscc_valid: { type: 'boolean' },
    name: { type: 'string' },
    region: { type: 'string' },
    region_name: { type: ['string', 'null'] },
    license_no: { type: ['string', 'null'] },
    license_expires: { type: ['string', 'null'] },
    license_status: { type: ['string', 'null'] },
    certificate_count: { type: 'integer' },
  },
} as const;

const personItem = {
  type: 'object',
  properties: { ref: { type: 'string' }, id_no: { type: 'string' }, name: { type: 'string' }, id_valid: { type: 'boolean' }, certificate_count: { type: 'integer' } },
} as const;

const listOf = (item: object) => ({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: item } } });
const binary = { type: 'string', format: 'binary' } as const;

const certificateSheet: SheetSpec<ReturnType<typeof presentCertificate>> = {
  name: '证书',
  columns: [
    { header: '证书编号', width: 24, value: (c) => c.cert_no },
    { header: '证书类别', width: 10, value: (c) => c.category },
    { header: '操作类别', width: 24, value: (c) => (c.operation ? `${c.operation} ${c.operation_name ?? ''}`.trim() : null) },
    { header: '姓名', width: 10, value: (c) => c.name },
    { header: '身份证号', width: 22, value: (c) => c.id_no },
    { header: '聘用单位统一社会信用代码', width: 22, value: (c) => c.employer_uscc },
    { header: '聘用单位', width: 28, value: (c) => c.employer_name },
    { header: '发证机关', width: 24, value: (c) => c.issuer },
    { header: '发证日期', width: 12, value: (c) => c.issued },
    { header: '有效期至', width: 12, value: (c) => c.expires },
    { header: '证书状态', width: 10, value: (c) => c.status },
    { header: '是否过期', width: 10, value: (c) => (c.expired ? '已过期' : '未过期') },
    { header: '来源', width: 14, value: (c) => c.source || '本库' },
  ],
};

const enterpriseSheet: SheetSpec<ReturnType<typeof presentEnterprise>> = {
  name: '企业',
  columns: [
    { header: '统一社会信用代码', width: 22, value: (e) => e.uscc },
    { header: '信用代码校验', width: 12, value: (e) => (e.uscc_valid ? '通过' : '不通过') },
    { header: '企业名称', width: 32, value: (e) => e.name },
    { header: '所在地区划代码', width: 14, value: (e) => e.region },
    { header: '所在地区', width: 18, value: (e) => e.region_name },
    { header: '安全生产许可证编号', width: 30, value: (e) => e.license_no },
    { header: '许可证有效期至', width: 14, value: (e) => e.license_expires },
    { header: '许可证状态', width: 10, value: (e) => e.license_status },
    { header: '证书数', width: 8, value: (e) => e.certificate_count },
  ],
};

const personSheet: SheetSpec<{ id_no: string; name: string; id_valid: boolean; certificate_count: number }> = {
  name: '人员',
  columns: [
    { header: '身份证号', width: 22, value: (p) => p.id_no },
    { header: '身份证号校验', width: 12, value: (p) => (p.id_valid ? '通过' : '不通过') },
    { header: '姓名', width: 12, value: (p) => p.name },
    { header: '证书数', width: 8, value: (p) => p.certificate_count },
  ],
};

async function sendWorkbook<T>(reply: FastifyReply, fileName: string, spec: SheetSpec<T>, rows: AsyncIterable<T>) {
  const out = new PassThrough();
  reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(fileName));
  streamWorkbook(out, spec, rows).catch((e) => out.destroy(e));
  return reply.send(out);
}

async function* mapAsync<T, U>(it: AsyncIterable<T>, f: (t: T) => U): AsyncGenerator<U> {
  for await (const x of it) yield f(x);
}

const personDetailSchema = {
  type: 'object',
  properties: {
    ref: { type: 'string' },
    revealed: { type: 'boolean' },
    person: {
      type: 'object',
      properties: { id_no: { type: 'string' }, name: { type: ['string', 'null'] }, id_valid: { type: 'boolean' }, birth_date: { type: ['string', 'null'] }, gender: { type: ['string', 'null'] } },
    },
    certificates: { type: 'array', items: certificateItem },
    staffing: { type: 'array', items: { type: 'object', additionalProperties: true } },
    social_insurance: { type: 'array', items: { type: 'object', additionalProperties: true } },
    changes: { type: 'array', items: { type: 'object', additionalProperties: true } },
    training: { type: 'array', items: { type: 'object', additionalProperties: true } },
    exams: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

/** Filters as recorded in the audit log: an ID number typed into the search box is masked there. */
function auditFilter(f: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' && /^\d{15,17}[\dXx]?$/.test(v) ? maskIdNo(v) : v]));
}

const principal = (req: FastifyRequest): Principal => req.user!;

export async function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const refs = refSealerOf(ctx.config);
  const audit = (req: FastifyRequest, action: string, objectType: string, details: Record<string, unknown>, objectId: string | null = null) =>
    appendAudit(db, principal(req), { action, objectType, objectId, region: principal(req).region, details });

  const presentPersonRow = (p: PersonRow) => ({ ...maskHolder(p, false), ref: refs.seal(p.id_no), id_valid: isValidResidentId(p.id_no) });

  app.get(
    '/api/registry/counts',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags: ['registry'],
        summary: '辖区内各类数据的条数（按当前账号的辖区统计；无地区属性的数据只向省级显示）',
        response: { 200: { type: 'object', properties: { counts: { type: 'object', additionalProperties: { type: ['integer', 'null'] } } } }, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => ({ counts: await scopedCounts(db, principal(req)) }),
  );

  app.get(
    '/api/registry/certificates',
    { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '证书库查询（辖区内；姓名、身份证号脱敏）', querystring: { type: 'object', properties: { ...certificateFilterProps, ...pageProps } }, response: { 200: listOf(certificateItem), 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req) => {
      const { page, pageSize, ...f } = req.query as CertificateFilter & { page: number; pageSize: number };
      const p = principal(req);
      const r = await listCertificates(db, p, f, { page, pageSize });
      await audit(req, 'pii.read', 'certificate', { list: 'certificates', filter: auditFilter(f), page, count: r.items.length, total: r.total });
      const today = todayCst();
      return { total: r.total, items: r.items.map((c) => ({ ...presentCertificate(certificateForViewer(p, c), today), holder_ref: refs.seal(c.id_no) })) };
    },
  );

  app.get(
    '/api/registry/certificates/export.xlsx',
    { config: { permission: 'registry.export' }, schema: { tags: ['registry'], summary: '导出证书（Excel；辖区内，脱敏）', querystring: { type: 'object', properties: certificateFilterProps }, response: { 200: binary, 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req, reply) => {
      const p = principal(req);
      const f = req.query as CertificateFilter;
      await audit(req, 'registry.export', 'certificate', { list: 'certificates', filter: auditFilter(f), count: await countCertificates(db, p, f) });
      const today = todayCst();
      return sendWorkbook(reply, `证书-${today}.xlsx`, certificateSheet, mapAsync(iterateCertificates(db, p, f), (c: CertificateRow) => presentCertificate(certificateForViewer(p, c), today)));
    },
  );

  app.get(
    '/api/registry/enterprises',
    { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '企业库查询（辖区内）', querystring: { type: 'object', properties: { ...enterpriseFilterProps, ...pageProps } }, response: { 200: listOf(enterpriseItem), 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req) => {
      const { page, pageSize, ...f } = req.query as EnterpriseFilter & { page: number; pageSize: number };
      const r = await listEnterprises(db, principal(req), f, { page, pageSize });
      return { total: r.total, items: r.items.map(presentEnterprise) };
    },
  );

  app.get(
    '/api/registry/enterprises/export.xlsx',
    { config: { permission: 'registry.export' }, schema: { tags: ['registry'], summary: '导出企业（Excel；辖区内）', querystring: { type: 'object', properties: enterpriseFilterProps }, response: { 200: binary, 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req, reply) => {
      const p = principal(req);
      const f = req.query as EnterpriseFilter;
      await audit(req, 'registry.export', 'enterprise', { list: 'enterprises', filter: auditFilter(f), count: await countEnterprises(db, p, f) });
      return sendWorkbook(reply, `企业-${todayCst()}.xlsx`, enterpriseSheet, mapAsync(iterateEnterprises(db, p, f), presentEnterprise));
    },
  );

  const personQuery = { type: 'object', properties: { q: { type: 'string', maxLength: 100 }, ...pageProps } } as const;
  app.get(
    '/api/registry/persons',
    { config: { permission: 'registry.read' }, schema: { tags: ['registry'], summary: '人员库查询（辖区内；姓名、身份证号脱敏）', querystring: personQuery, response: { 200: listOf(personItem), 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req) => {
      const { q, page, pageSize } = req.query as { q?: string; page: number; pageSize: number };
      const r = await listPersons(db, principal(req), q, { page, pageSize });
      await audit(req, 'pii.read', 'person', { list: 'persons', filter: auditFilter({ q }), page, count: r.items.length, total: r.total });
      return { total: r.total, items: r.items.map(presentPersonRow) };
    },
  );

  app.get(
    '/api/registry/persons/export.xlsx',
    { config: { permission: 'registry.export' }, schema: { tags: ['registry'], summary: '导出人员（Excel；辖区内，脱敏）', querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 100 } } }, response: { 200: binary, 400: errorSchema, 401: errorSchema, 403: errorSchema } } },
    async (req, reply) => {
      const p = principal(req);
      const q = (req.query as { q?: string }).q;
      await audit(req, 'registry.export', 'person', { list: 'persons', filter: auditFilter({ q }), count: await countPersons(db, p, q) });
      return sendWorkbook(reply, `人员-${todayCst()}.xlsx`, personSheet, mapAsync(iteratePersons(db, p, q), presentPersonRow));
    },
  );

  /** One person's record as the caller may see it: masked, or in full after a reveal. */
  async function personAnswer(p: Principal, idNo: string, full: boolean) {
    const d = idNo ? await personDetail(db, p, idNo) : null;
    if (!d) throw notFound('该人员');
    const today = todayCst();
    const person = presentPerson(idNo, d.name);
    return {
      ref: refs.seal(idNo),
      revealed: full,
      person: full ? person : { ...maskHolder({ ...person }, false), birth_date: null },
      certificates: d.certificates.map((c) => presentCertificate(full ? c : certificateForViewer(p, c), today)),
      staffing: d.staffing.map((s) => ({ ...s, project_region_name: regionName(s.project_region) })),
      social_insurance: d.socialInsurance,
      changes: d.changes,
      training: d.training,
      exams: d.exams,
    };
  }

  const personParams = { type: 'object', required: ['idNo'], properties: { idNo: { type: 'string', minLength: 1, maxLength: 200, description: '人员引用（列表中的 ref）或身份证号' } } } as const;
  const personKey = (param: string) => refs.resolve(param.trim()).toUpperCase();

  app.get(
    '/api/registry/persons/:idNo',
    {
      config: { permission: 'registry.read' },
      schema: { tags: ['registry'], summary: '人员详情（辖区内；脱敏）', params: personParams, response: { 200: personDetailSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    },
    async (req) => {
      const idNo = personKey((req.params as { idNo: string }).idNo);
      const answer = await personAnswer(principal(req), idNo, false);
      await audit(req, 'pii.read', 'person', { person: maskIdNo(idNo), certificates: answer.certificates.length }, maskIdNo(idNo));
      return answer;
    },
  );

  app.post(
    '/api/registry/persons/:idNo/reveal',
    {
      config: { permission: 'pii.reveal' },
      schema: {
        tags: ['registry'],
        summary: '查看人员完整信息（须说明理由；记入审计日志）',
        params: personParams,
        body: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } },
        response: { 200: personDetailSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const reason = ((req.body as { reason?: string } | undefined)?.reason ?? '').trim();
      if ([...reason].length < MIN_REVEAL_REASON) throw new AppError('bad_request', `查看理由（reason）不能少于 ${MIN_REVEAL_REASON} 个字`);
      const p = principal(req);
      const idNo = personKey((req.params as { idNo: string }).idNo);
      const answer = await personAnswer(p, idNo, true);
      await appendAudit(db, p, { action: 'pii.reveal', objectType: 'person', objectId: maskIdNo(idNo), region: p.region, details: { reason: maskText(reason) } });
      return answer;
    },
  );
}
