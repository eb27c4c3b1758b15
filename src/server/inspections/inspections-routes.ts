// Inspections API (逢查必检): record an inspection, check each person's certificate on site (QR or typed),
// list and read inspections of the jurisdiction.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { notFound } from '../access/scope.js';
import { credentialServiceOf } from '../credentials/credential-service.js';
import type { InspectionChecksTable, InspectionsTable } from '../db/schema.js';
import { todayCst } from '../domain/dates.js';
import { regionByCode } from '../domain/regions.js';
import { errorSchema } from '../http/errors.js';
import { verificationServiceOf } from '../verification/verification-service.js';
import { CHECK_RESULTS, type CheckResult } from './check-outcome.js';
import { judgeOnSite, recordCheck, type CheckInput } from './check-certificate.js';
import { checksOf, inspectionInScope, listInspections } from './inspections.repository.js';
import { recordInspection, type InspectionInput } from './record-inspection.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
const open = { type: 'object', additionalProperties: true } as const;
const staffErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } as const;

export function presentInspection(r: InspectionsTable) {
  return {
    id: r.id,
    kind: r.kind,
    region: r.region,
    regionName: regionByCode(r.region)?.name ?? r.region,
    date: r.date,
    inspectors: JSON.parse(r.inspectors) as string[],
    projectName: r.project_name,
    projectNo: r.project_no,
    orgUscc: r.org_uscc,
    orgName: r.org_name,
    institution: r.institution ? (JSON.parse(r.institution) as Record<string, unknown>) : null,
    findings: r.findings,
    clueId: r.clue_id,
    createdAt: r.created_at,
  };
}

const presentCheck = (c: InspectionChecksTable) => ({
  id: c.id,
  method: c.method,
  certNo: c.cert_no,
  personName: c.person_name,
  post: c.post,
  result: c.result,
  label: CHECK_RESULTS[c.result as CheckResult]?.label ?? c.result,
  problem: c.problem,
  clueId: c.clue_id,
  checkedAt: c.checked_at,
});

export async function inspectionsRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const svc = await verificationServiceOf(ctx, app.log);
  const credentials = credentialServiceOf(ctx);

  app.post(
    '/api/inspections',
    {
      config: { permission: 'inspections.write' },
      schema: {
        tags: ['inspections'],
        summary: '登记一次检查：施工现场（项目、企业）或培训考核机构（视频抽查、电话回访、档案检查、发现的问题）',
        body: {
          type: 'object',
          required: ['kind', 'region', 'date', 'inspectors'],
          properties: {
            kind: { type: 'string', enum: ['site', 'institution'] },
            region: { type: 'string', pattern: '^51\\d{4}$' },
            date: { type: 'string', maxLength: 10 },
            inspectors: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 50 } },
            projectName: { type: 'string', maxLength: 200 },
            projectNo: { type: 'string', maxLength: 64 },
            orgUscc: { type: 'string', maxLength: 32 },
            orgName: { type: 'string', maxLength: 200 },
            videoReviewed: { type: 'boolean' },
            videoNotes: { type: 'string', maxLength: 2000 },
            callsMade: { type: 'integer', minimum: 0, maximum: 100000 },
            callsConfirmed: { type: 'integer', minimum: 0, maximum: 100000 },
            filesChecked: { type: 'integer', minimum: 0, maximum: 100000 },
            fileProblems: { type: 'integer', minimum: 0, maximum: 100000 },
            findings: { type: 'string', maxLength: 5000 },
            openClue: { type: 'boolean' },
          },
        },
        response: { 200: open, ...staffErrors },
      },
    },
    async (req) => {
      const now = new Date();
      const row = await db.transaction().execute((trx) => recordInspection(trx, req.user!, req.body as InspectionInput, now, todayCst(now)));
      return presentInspection(row);
    },
  );

  const scoped = async (req: FastifyRequest) => {
    const row = await inspectionInScope(db, req.user!, (req.params as { id: string }).id);
    if (!row) throw notFound('检查记录');
    return row;
  };

  app.post(
    '/api/inspections/:id/checks',
    {
      config: { permission: 'inspections.write' },
      schema: {
        tags: ['inspections'],
        summary: '现场核验一人的证书：扫码（scanned 为二维码内容）、手工录入证书编号+姓名，或登记无证人员；发现问题自动生成线索',
        params: idParams,
        body: {
          type: 'object',
          required: ['method'],
          properties: {
            method: { type: 'string', enum: ['qr', 'typed', 'none'] },
            scanned: { type: 'string', maxLength: 4096 },
            certNo: { type: 'string', maxLength: 64 },
            personName: { type: 'string', maxLength: 64 },
            idNo: { type: 'string', maxLength: 32 },
            post: { type: 'string', maxLength: 50 },
          },
        },
        response: { 200: open, ...staffErrors },
      },
    },
    async (req) => {
      const insp = await scoped(req);
      const now = new Date();
      const input = req.body as CheckInput;
      const judged = await judgeOnSite(db, input, { credentials, lookup: svc.lookup, today: todayCst(now) });
      return db.transaction().execute((trx) => recordCheck(trx, insp, req.user!, input, judged, now));
    },
  );

  app.get(
    '/api/inspections',
    {
      config: { permission: 'inspections.read' },
      schema: {
        tags: ['inspections'],
        summary: '检查记录（本辖区）',
        querystring: {
          type: 'object',
          properties: { kind: { type: 'string', enum: ['site', 'institution'] }, page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: open } } }, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const q = req.query as { kind?: string; page: number; pageSize: number };
      const { rows, total, counts } = await listInspections(db, req.user!, { kind: q.kind, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { total, items: rows.map((r) => ({ ...presentInspection(r), ...(counts.get(r.id) ?? { checks: 0, problems: 0 }) })) };
    },
  );

  app.get(
    '/api/inspections/:id',
    {
      config: { permission: 'inspections.read' },
      schema: { tags: ['inspections'], summary: '检查详情及逐人核验结果', params: idParams, response: { 200: open, ...staffErrors } },
    },
    async (req) => {
      const row = await scoped(req);
      return { ...presentInspection(row), checks: (await checksOf(db, row.id)).map(presentCheck) };
    },
  );
}
