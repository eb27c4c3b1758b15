// 失信名单 (console, read only): persons and organisations listed by administrative decisions of the
// caller's jurisdiction. A person's ID number and name are masked; the list is written by decisions
// (apply-decision.ts), never here.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { regionScope } from '../access/scope.js';
import { todayCst } from '../domain/dates.js';
import { maskIdNo, maskName } from '../domain/masking.js';
import { errorSchema } from '../http/errors.js';
import { regionName } from '../registry/presenters.js';

export const DISHONESTY_KIND_LABELS: Record<string, string> = { person: '人员', enterprise: '企业', institution: '培训考核机构' };

const item = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    subjectKind: { type: 'string' },
    subjectKindLabel: { type: 'string' },
    subject: { type: 'string' },
    name: { type: ['string', 'null'] },
    reason: { type: 'string' },
    caseId: { type: 'string' },
    caseNo: { type: ['string', 'null'] },
    region: { type: 'string' },
    regionName: { type: ['string', 'null'] },
    listedAt: { type: 'string' },
    until: { type: ['string', 'null'] },
    inForce: { type: 'boolean' },
  },
} as const;

export async function dishonestyRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  app.get(
    '/api/dishonesty',
    {
      config: { permission: 'dishonesty.read' },
      schema: {
        tags: ['enforcement'],
        summary: '失信名单（本辖区；人员身份证号、姓名脱敏）',
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: Object.keys(DISHONESTY_KIND_LABELS) },
            inForce: { type: 'boolean' },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
          },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: item } } }, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const q = req.query as { kind?: string; inForce?: boolean; page: number; pageSize: number };
      const today = todayCst(new Date());
      let base = db.selectFrom('dishonesty_list').where(regionScope('dishonesty_list.region', req.user!));
      if (q.kind) base = base.where('dishonesty_list.subject_kind', '=', q.kind);
      if (q.inForce === true) base = base.where((eb) => eb.or([eb('dishonesty_list.until', 'is', null), eb('dishonesty_list.until', '>=', today)]));
      if (q.inForce === false) base = base.where('dishonesty_list.until', '<', today);
      const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await base
        .leftJoin('cases', 'cases.id', 'dishonesty_list.case_id')
        .select(['dishonesty_list.id', 'subject_kind', 'subject', 'name', 'reason', 'case_id', 'cases.case_no', 'dishonesty_list.region', 'listed_at', 'until'])
        .orderBy('listed_at', 'desc')
        .orderBy('dishonesty_list.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        total: Number(total),
        items: rows.map((r) => {
          const person = r.subject_kind === 'person';
          return {
            id: r.id,
            subjectKind: r.subject_kind,
            subjectKindLabel: DISHONESTY_KIND_LABELS[r.subject_kind] ?? r.subject_kind,
            subject: person ? maskIdNo(r.subject) : r.subject,
            name: r.name && person ? maskName(r.name) : r.name,
            reason: r.reason,
            caseId: r.case_id,
            caseNo: r.case_no ?? null,
            region: r.region,
            regionName: regionName(r.region),
            listedAt: r.listed_at,
            until: r.until,
            inForce: r.until === null || r.until >= today,
          };
        }),
      };
    },
  );
}
