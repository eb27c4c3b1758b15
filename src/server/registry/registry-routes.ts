// Console registry API: browse, search and export certificates, enterprises and persons.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app.js';
import { requireUser } from '../auth/auth-routes.js';
import { CERT_CATEGORIES, CERT_STATUSES, LICENCE_STATUSES } from '../domain/certificates.js';
import { attachment, streamWorkbook, XLSX_MIME, type SheetSpec } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { todayCst } from '../domain/dates.js';
import {
  iterateCertificates,
  iterateEnterprises,
  iteratePersons,
  listCertificates,
  listEnterprises,
  listPersons,
  personDetail,
  type CertificateFilter,
  type EnterpriseFilter,
} from './registry.repository.js';
import { presentCertificate, presentEnterprise, presentPerson, regionName } from './presenters.js';
import { isValidResidentId } from '../domain/resident-id.js';
import { PassThrough } from 'node:stream';

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
  properties: { id_no: { type: 'string' }, name: { type: 'string' }, id_valid: { type: 'boolean' }, certificate_count: { type: 'integer' } },
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

export async function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  app.addHook('preHandler', requireUser(ctx));

  app.get(
    '/api/registry/certificates',
    { schema: { tags: ['registry'], summary: '证书库查询', querystring: { type: 'object', properties: { ...certificateFilterProps, ...pageProps } }, response: { 200: listOf(certificateItem), 400: errorSchema, 401: errorSchema } } },
    async (req) => {
      const { page, pageSize, ...f } = req.query as CertificateFilter & { page: number; pageSize: number };
      const r = await listCertificates(db, f, { page, pageSize });
      const today = todayCst();
      return { total: r.total, items: r.items.map((c) => presentCertificate(c, today)) };
    },
  );

  app.get(
    '/api/registry/certificates/export.xlsx',
    { schema: { tags: ['registry'], summary: '导出证书（Excel）', querystring: { type: 'object', properties: certificateFilterProps }, response: { 200: binary, 400: errorSchema, 401: errorSchema } } },
    async (req, reply) => {
      const today = todayCst();
      return sendWorkbook(reply, `证书-${today}.xlsx`, certificateSheet, mapAsync(iterateCertificates(db, req.query as CertificateFilter), (c) => presentCertificate(c, today)));
    },
  );

  app.get(
    '/api/registry/enterprises',
    { schema: { tags: ['registry'], summary: '企业库查询', querystring: { type: 'object', properties: { ...enterpriseFilterProps, ...pageProps } }, response: { 200: listOf(enterpriseItem), 400: errorSchema, 401: errorSchema } } },
    async (req) => {
      const { page, pageSize, ...f } = req.query as EnterpriseFilter & { page: number; pageSize: number };
      const r = await listEnterprises(db, f, { page, pageSize });
      return { total: r.total, items: r.items.map(presentEnterprise) };
    },
  );

  app.get(
    '/api/registry/enterprises/export.xlsx',
    { schema: { tags: ['registry'], summary: '导出企业（Excel）', querystring: { type: 'object', properties: enterpriseFilterProps }, response: { 200: binary, 400: errorSchema, 401: errorSchema } } },
    async (req, reply) => sendWorkbook(reply, `企业-${todayCst()}.xlsx`, enterpriseSheet, mapAsync(iterateEnterprises(db, req.query as EnterpriseFilter), presentEnterprise)),
  );

  const personQuery = { type: 'object', properties: { q: { type: 'string', maxLength: 100 }, ...pageProps } } as const;
  app.get(
    '/api/registry/persons',
    { schema: { tags: ['registry'], summary: '人员库查询', querystring: personQuery, response: { 200: listOf(personItem), 400: errorSchema, 401: errorSchema } } },
    async (req) => {
      const { q, page, pageSize } = req.query as { q?: string; page: number; pageSize: number };
      const r = await listPersons(db, q, { page, pageSize });
      return { total: r.total, items: r.items.map((p) => ({ ...p, id_valid: isValidResidentId(p.id_no) })) };
    },
  );

  app.get(
    '/api/registry/persons/export.xlsx',
    { schema: { tags: ['registry'], summary: '导出人员（Excel）', querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 100 } } }, response: { 200: binary, 400: errorSchema, 401: errorSchema } } },
    async (req, reply) =>
      sendWorkbook(reply, `人员-${todayCst()}.xlsx`, personSheet, mapAsync(iteratePersons(db, (req.query as { q?: string }).q), (p) => ({ ...p, id_valid: isValidResidentId(p.id_no) }))),
  );

  app.get(
    '/api/registry/persons/:idNo',
    {
      schema: {
        tags: ['registry'],
        summary: '人员详情',
        params: { type: 'object', required: ['idNo'], properties: { idNo: { type: 'string', minLength: 1, maxLength: 40 } } },
        response: { 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const idNo = (req.params as { idNo: string }).idNo.trim().toUpperCase();
      const d = await personDetail(db, idNo);
      if (!d.name && d.certificates.length === 0 && d.staffing.length === 0) throw new AppError('not_found', '未找到该人员');
      const today = todayCst();
      return {
        person: presentPerson(idNo, d.name),
        certificates: d.certificates.map((c) => presentCertificate(c, today)),
        staffing: d.staffing.map((s) => ({ ...s, project_region_name: regionName(s.project_region) })),
        social_insurance: d.socialInsurance,
        changes: d.changes,
        training: d.training,
        exams: d.exams,
      };
    },
  );
}
