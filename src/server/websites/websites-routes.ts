// Fake websites API: the register of official domains (administrators keep it) and the look-alike check
// of a reported URL, recorded with a clue when staff enter one that imitates an official site.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { appendAudit } from '../audit/audit-log.js';
import { regionByCode } from '../domain/regions.js';
import { AppError, errorSchema } from '../http/errors.js';
import { checkWebsite, hostOf, VERDICT_TEXT } from './lookalike.js';
import { officialHostList, recordWebsite } from './record-website.js';
import { deleteOfficialDomain, insertOfficialDomain, listOfficialDomains, listReportedWebsites } from './websites.repository.js';
import { governs } from '../access/roles.js';

const resultSchema = {
  type: 'object',
  properties: {
    host: { type: 'string' },
    verdict: { type: 'string', enum: Object.keys(VERDICT_TEXT) },
    verdictText: { type: 'string' },
    reasons: { type: 'array', items: { type: 'string' } },
    imitates: { type: ['string', 'null'] },
    id: { type: ['string', 'null'] },
    clueId: { type: ['string', 'null'] },
  },
} as const;

const domainSchema = { type: 'object', properties: { host: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' } } } as const;

export async function websitesRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  app.get(
    '/api/websites/official',
    {
      config: { permission: 'websites.check' },
      schema: { tags: ['websites'], summary: '官方网站名录', response: { 200: { type: 'object', properties: { items: { type: 'array', items: domainSchema } } }, 401: errorSchema, 403: errorSchema } },
    },
    async () => ({ items: (await listOfficialDomains(db)).map((d) => ({ host: d.host, name: d.name, createdAt: d.created_at })) }),
  );

  app.post(
    '/api/websites/official',
    {
      config: { permission: 'websites.manage' },
      schema: {
        tags: ['websites'],
        summary: '添加官方网站域名',
        body: { type: 'object', required: ['host', 'name'], properties: { host: { type: 'string', maxLength: 253 }, name: { type: 'string', maxLength: 100 } } },
        response: { 201: domainSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body as { host: string; name: string };
      const host = hostOf(b.host);
      if (!host || !/^[a-z0-9.-]+$/.test(host)) throw new AppError('bad_request', '域名：不是有效的域名（如 jst.sc.gov.cn）');
      if (!b.name.trim()) throw new AppError('bad_request', '网站名称：请填写');
      await db.transaction().execute(async (trx) => {
        if (!(await insertOfficialDomain(trx, { host, name: b.name.trim(), createdBy: req.user!.id }))) throw new AppError('conflict', `域名 ${host} 已在名录中`);
        await appendAudit(trx, req.user, { action: 'website.official_add', objectType: 'official_domain', objectId: host, details: { name: b.name.trim() } });
      });
      return reply.code(201).send({ host, name: b.name.trim(), createdAt: new Date().toISOString() });
    },
  );

  app.delete(
    '/api/websites/official/:host',
    {
      config: { permission: 'websites.manage' },
      schema: {
        tags: ['websites'],
        summary: '从名录中移除官方网站域名',
        params: { type: 'object', required: ['host'], properties: { host: { type: 'string', maxLength: 253 } } },
        response: { 204: { type: 'null' }, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const { host } = req.params as { host: string };
      await db.transaction().execute(async (trx) => {
        if (!(await deleteOfficialDomain(trx, host))) throw new AppError('not_found', `名录中没有域名 ${host}`);
        await appendAudit(trx, req.user, { action: 'website.official_remove', objectType: 'official_domain', objectId: host });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/websites/check',
    {
      config: { permission: 'websites.check' },
      schema: {
        tags: ['websites'],
        summary: '网址仿冒检查；record=true 时登记，疑似仿冒的同时生成线索',
        body: {
          type: 'object',
          required: ['url'],
          properties: { url: { type: 'string', maxLength: 2000 }, record: { type: 'boolean', default: false }, region: { type: 'string', pattern: '^51\\d{4}$' } },
        },
        response: { 200: resultSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const b = req.body as { url: string; record: boolean; region?: string };
      if (!b.record) {
        const r = checkWebsite(b.url, await officialHostList(db, ctx.config.publicBaseUrl));
        return { ...r, verdictText: VERDICT_TEXT[r.verdict], id: null, clueId: null };
      }
      const region = b.region ?? req.user!.region;
      if (!regionByCode(region) || !governs(req.user!, region)) throw new AppError('bad_request', '地区：应为本辖区内的市州或区县');
      if (!hostOf(b.url)) throw new AppError('bad_request', '网址：不是有效的网址');
      return db.transaction().execute(async (trx) => {
        const w = await recordWebsite(trx, ctx.config.publicBaseUrl, { url: b.url, source: 'manual', tipId: null, region, createdBy: req.user!.id, openClueIfLookalike: true });
        await appendAudit(trx, req.user, { action: 'website.report', objectType: 'website', objectId: w.id, region, details: { host: w.result.host, verdict: w.result.verdict, clueId: w.clueId } });
        return { ...w.result, verdictText: VERDICT_TEXT[w.result.verdict], id: w.id, clueId: w.clueId };
      });
    },
  );

  app.get(
    '/api/websites/reported',
    {
      config: { permission: 'websites.check' },
      schema: {
        tags: ['websites'],
        summary: '登记的可疑网站（本辖区）',
        querystring: {
          type: 'object',
          properties: { verdict: { type: 'string', enum: Object.keys(VERDICT_TEXT) }, page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    url: { type: 'string' },
                    host: { type: 'string' },
                    verdict: { type: 'string' },
                    verdictText: { type: 'string' },
                    reasons: { type: 'array', items: { type: 'string' } },
                    source: { type: 'string' },
                    tipId: { type: ['string', 'null'] },
                    clueId: { type: ['string', 'null'] },
                    region: { type: 'string' },
                    createdAt: { type: 'string' },
                  },
                },
              },
            },
          },
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (req) => {
      const q = req.query as { verdict?: string; page: number; pageSize: number };
      const { rows, total } = await listReportedWebsites(db, req.user!, { verdict: q.verdict, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          url: r.url,
          host: r.host,
          verdict: r.verdict,
          verdictText: VERDICT_TEXT[r.verdict as keyof typeof VERDICT_TEXT] ?? r.verdict,
          reasons: JSON.parse(r.reasons) as string[],
          source: r.source,
          tipId: r.tip_id,
          clueId: r.clue_id,
          region: r.region,
          createdAt: r.created_at,
        })),
      };
    },
  );
}
