// The auditors' API: browse and export the audit log inside their jurisdiction, and check the chain.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { AppContext } from '../app.js';
import { levelOf, ROLE_LABELS, isRole, type Principal } from '../access/roles.js';
import { addDays, isIsoDate, todayCst } from '../domain/dates.js';
import { regionByCode } from '../domain/regions.js';
import { attachment, streamWorkbook, XLSX_MIME, type SheetSpec } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { actionLabel } from './audit-actions.js';
import { appendAudit, auditActions, iterateAudit, listAudit, verifyAuditChain, type AuditFilter } from './audit-log.js';
import type { AuditLogTable } from '../db/schema.js';

const filterProps = {
  from: { type: 'string', maxLength: 10, description: '起始日期（含），YYYY-MM-DD，北京时间' },
  to: { type: 'string', maxLength: 10, description: '截止日期（含），YYYY-MM-DD，北京时间' },
  actor: { type: 'string', maxLength: 100, description: '操作人用户名（部分匹配）' },
  action: { type: 'string', maxLength: 100, description: '操作，如 auth.login；以点结尾表示一类，如 auth.' },
  objectType: { type: 'string', maxLength: 100 },
  objectId: { type: 'string', maxLength: 200 },
} as const;

const entryItem = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actorName: { type: ['string', 'null'] },
    actorRole: { type: ['string', 'null'] },
    actorRegion: { type: ['string', 'null'] },
    action: { type: 'string' },
    actionLabel: { type: 'string' },
    objectType: { type: ['string', 'null'] },
    objectId: { type: ['string', 'null'] },
    region: { type: ['string', 'null'] },
    regionName: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
    hash: { type: 'string' },
  },
} as const;

const breakSchema = {
  type: ['object', 'null'],
  properties: {
    seq: { type: 'integer' },
    reason: { type: 'string' },
    entry: { type: ['object', 'null'], properties: { seq: { type: 'integer' }, at: { type: 'string' }, action: { type: 'string' } } },
  },
} as const;

type FilterQuery = { from?: string; to?: string; actor?: string; action?: string; objectType?: string; objectId?: string };

/** Query → filter; bad dates answer 400 naming the field. Days are Beijing days. */
export function parseAuditQuery(q: FilterQuery): AuditFilter {
  const day = (field: 'from' | 'to', label: string) => {
    const v = q[field]?.trim();
    if (!v) return undefined;
    if (!isIsoDate(v)) throw new AppError('bad_request', `${label}（${field}）格式不正确：应为 YYYY-MM-DD 的日期，收到“${v}”`);
    return v;
  };
  const from = day('from', '起始日期');
  const to = day('to', '截止日期');
  if (from && to && from > to) throw new AppError('bad_request', `起始日期（from）${from} 晚于截止日期（to）${to}`);
  const instant = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
  const text = (v: string | undefined) => v?.trim() || undefined;
  return {
    since: from && instant(from),
    before: to && instant(addDays(to, 1)),
    actor: text(q.actor),
    action: text(q.action),
    objectType: text(q.objectType),
    objectId: text(q.objectId),
  };
}

const regionName = (code: string | null) => (code ? (regionByCode(code)?.name ?? code) : null);

function present(e: AuditLogTable) {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(e.details) as Record<string, unknown>;
  } catch {
    details = { raw: e.details };
  }
  return {
    seq: Number(e.seq),
    at: e.at,
    actorName: e.actor_name,
    actorRole: e.actor_role,
    actorRegion: e.actor_region,
    action: e.action,
    actionLabel: actionLabel(e.action),
    objectType: e.object_type,
    objectId: e.object_id,
    region: e.region,
    regionName: regionName(e.region),
    details,
    hash: e.hash,
  };
}

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

const auditSheet: SheetSpec<AuditLogTable> = {
  name: '审计日志',
  columns: [
    { header: '序号', width: 10, value: (e) => Number(e.seq) },
    { header: '时间（北京时间）', width: 20, value: (e) => beijing(e.at) },
    { header: '操作人', value: (e) => e.actor_name },
    { header: '角色', width: 12, value: (e) => (e.actor_role && isRole(e.actor_role) ? ROLE_LABELS[e.actor_role] : e.actor_role) },
    { header: '操作人辖区', value: (e) => regionName(e.actor_region) },
    { header: '操作', width: 18, value: (e) => actionLabel(e.action) },
    { header: '操作代码', width: 22, value: (e) => e.action },
    { header: '对象类型', value: (e) => e.object_type },
    { header: '对象编号', width: 24, value: (e) => e.object_id },
    { header: '对象辖区', value: (e) => regionName(e.region) },
    { header: '详情', width: 60, value: (e) => e.details },
    { header: '哈希', width: 66, value: (e) => e.hash },
  ],
};

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const user = (req: FastifyRequest): Principal => req.user!;

  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（本辖区）',
        querystring: {
          type: 'object',
          properties: { ...filterProps, page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
        },
        response: {
          200: { type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: entryItem } } },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (req) => {
      const { page, pageSize, ...q } = req.query as FilterQuery & { page: number; pageSize: number };
      const r = await listAudit(db, parseAuditQuery(q), user(req), { page, pageSize });
      return { total: r.total, items: r.items.map(present) };
    },
  );

  app.get(
    '/api/audit/actions',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '本辖区审计日志中出现过的操作',
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'object', properties: { action: { type: 'string' }, label: { type: 'string' } } } } },
          },
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (req) => ({ items: (await auditActions(db, user(req))).map((action) => ({ action, label: actionLabel(action) })) }),
  );

  app.get(
    '/api/audit/export',
    {
      config: { permission: 'audit.export' },
      schema: {
        tags: ['audit'],
        summary: '导出审计日志（Excel，本辖区）',
        querystring: { type: 'object', properties: filterProps },
        response: { 200: { type: 'string', format: 'binary' }, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req, reply) => {
      const q = req.query as FilterQuery;
      const filter = parseAuditQuery(q);
      const u = user(req);
      // The export is itself on record, before a byte leaves.
      const filters = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));
      await appendAudit(db, u, { action: 'audit.export', objectType: 'audit_log', region: u.region, details: { filters } });
      const out = new PassThrough();
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`审计日志-${todayCst()}.xlsx`));
      streamWorkbook(out, auditSheet, iterateAudit(db, filter, u)).catch((e) => out.destroy(e));
      return reply.send(out);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '校验审计日志哈希链的完整性',
        response: {
          200: { type: 'object', required: ['ok', 'entries'], properties: { ok: { type: 'boolean' }, entries: { type: 'integer' }, checkedAt: { type: 'string' }, firstBreak: breakSchema } },
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (req) => {
      const report = await verifyAuditChain(db);
      const b = report.firstBreak;
      // The whole chain is checked for everyone; which entry broke (its time and action) only the province sees.
      const showEntry = levelOf(user(req).region) === 'province';
      return {
        ok: report.ok,
        entries: report.entries,
        checkedAt: new Date().toISOString(),
        firstBreak: b && { seq: b.seq, reason: b.reason, entry: showEntry ? b.entry : null },
      };
    },
  );
}
