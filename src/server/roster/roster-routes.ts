// 企业自查 API: upload a roster (Excel or CSV), get every row's verdict, download the result workbook.

import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { isOrgUser } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { todayCst } from '../domain/dates.js';
import { regionName } from '../registry/presenters.js';
import { seesHolderInFull } from '../registry/personal-data.js';
import { attachment, XLSX_MIME } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { formatOf } from '../import/read-rows.js';
import { checkRoster } from './check-roster.js';
import { rosterWorkbook } from './roster-excel.js';
import { ROSTER_VERDICTS } from './roster-verdict.js';
import { maskRosterCheck } from './mask-roster.js';
import { findRoster, insertRoster, listRosters, organisationOf, type RosterRecord } from './roster.repository.js';
import { acceptUploads } from '../http/uploads.js';

const MAX_ROWS_IN_ANSWER = 5000;

export const resultFileName = (uploaded: string) => `${basename(uploaded, extname(uploaded))}-核验结果.xlsx`;

export async function rosterRoutes(app: FastifyInstance, ctx: AppContext) {
  await acceptUploads(app);
  const db = ctx.db.kysely;
  // Result workbooks of every stored check: <id>.xlsx in full (for the enterprise), <id>.masked.xlsx for officials.
  const resultsDir = join(ctx.config.dataDir, 'rosters');
  const resultPath = (id: string, full: boolean) => join(resultsDir, full ? `${id}.xlsx` : `${id}.masked.xlsx`);

  const summarySchema = { type: 'object', properties: Object.fromEntries(ROSTER_VERDICTS.map((v) => [v, { type: 'integer' }])) };
  const rosterItem = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      createdAt: { type: 'string' },
      createdBy: { type: ['string', 'null'] },
      orgUscc: { type: ['string', 'null'] },
      orgName: { type: ['string', 'null'] },
      region: { type: ['string', 'null'] },
      regionName: { type: ['string', 'null'] },
      fileName: { type: 'string' },
      resultName: { type: 'string' },
      total: { type: 'integer' },
      problems: { type: 'integer' },
      summary: summarySchema,
      downloadUrl: { type: 'string' },
    },
  } as const;
  const presentRoster = (r: RosterRecord) => ({
    id: r.id,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    orgUscc: r.org_uscc,
    orgName: r.org_name,
    region: r.region,
    regionName: regionName(r.region),
    fileName: r.file_name,
    resultName: r.result_name,
    total: Number(r.total),
    problems: Number(r.problems),
    summary: JSON.parse(r.summary) as Record<string, number>,
    downloadUrl: `/api/roster/results/${r.id}.xlsx`,
  });

  app.post(
    '/api/roster/check',
    {
      config: { permission: 'roster.check' },
      schema: {
        tags: ['roster'],
        summary: '企业自查：上传人员名册（Excel 或 CSV，含 姓名、身份证号、证书编号 列），逐行核验',
        description:
          'format=xlsx 时直接返回结果工作簿；默认返回 JSON（逐行结果与下载地址）。每次核验都保存为记录（企业自查记录）。企业用户核验本单位名册时看到完整信息，其他账号看到脱敏信息。',
        consumes: ['multipart/form-data'],
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'xlsx'], default: 'json' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              fileName: { type: 'string' },
              downloadUrl: { type: 'string' },
              total: { type: 'integer' },
              summary: summarySchema,
              truncated: { type: 'boolean' },
              header: { type: 'array', items: { type: 'string' } },
              rows: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    row: { type: 'integer' },
                    name: { type: 'string' },
                    idNo: { type: 'string' },
                    certNo: { type: 'string' },
                    verdict: { type: 'string', enum: [...ROSTER_VERDICTS] },
                    note: { type: 'string' },
                  },
                },
              },
            },
          },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const p = req.user!;
      if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传名册文件');
      const file = await req.file();
      if (!file) throw new AppError('bad_request', '请选择名册文件');
      const format = formatOf(file.filename);
      if (!format) throw new AppError('unsupported_file', `不支持的文件格式“${file.filename}”：请上传 .xlsx 或 .csv 文件`);
      const dir = join(ctx.config.dataDir, 'uploads', `roster-${randomUUID()}`);
      mkdirSync(dir, { recursive: true });
      try {
        const path = join(dir, `roster.${format}`);
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) throw new AppError('payload_too_large', '文件超过大小上限');
        const fullCheck = await checkRoster(db, { path, format, today: todayCst() });
        const maskedCheck = maskRosterCheck(fullCheck);
        // An enterprise checks its own people and sees them in full; anyone else sees them masked.
        const full = isOrgUser(p) && !!p.orgUscc;
        const check = full ? fullCheck : maskedCheck;
        const id = randomUUID();
        const fileName = resultFileName(file.filename);
        mkdirSync(resultsDir, { recursive: true });
        writeFileSync(resultPath(id, true), await rosterWorkbook(fullCheck));
        writeFileSync(resultPath(id, false), await rosterWorkbook(maskedCheck));
        const org = p.orgUscc ? await organisationOf(db, p.orgUscc) : undefined;
        const problems = fullCheck.rows.filter((r) => r.verdict !== '一致').length;
        await db.transaction().execute(async (trx) => {
          await insertRoster(trx, {
            id,
            created_at: new Date().toISOString(),
            created_by: p.id,
            created_by_name: p.displayName || p.username,
            org_uscc: p.orgUscc,
            org_name: org?.name ?? null,
            region: org?.region || p.region,
            file_name: file.filename,
            result_name: fileName,
            total: fullCheck.rows.length,
            problems,
            summary: JSON.stringify(fullCheck.summary),
          });
          await appendAudit(trx, p, { action: 'roster.check', objectType: 'roster', objectId: id, region: org?.region || p.region, details: { rows: fullCheck.rows.length, problems, org: p.orgUscc } });
        });
        if ((req.query as { format: string }).format === 'xlsx') {
          reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(fileName));
          return reply.send(readFileSync(resultPath(id, full)));
        }
        return {
          id,
          fileName,
          downloadUrl: `/api/roster/results/${id}.xlsx`,
          total: check.rows.length,
          summary: check.summary,
          truncated: check.rows.length > MAX_ROWS_IN_ANSWER,
          header: check.header,
          rows: check.rows.slice(0, MAX_ROWS_IN_ANSWER).map((r) => ({ row: r.rowNumber, name: r.values.name, idNo: r.values.idNo, certNo: r.values.certNo, verdict: r.verdict, note: r.note })),
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/roster/checks',
    {
      config: { permission: 'roster.read' },
      schema: {
        tags: ['roster'],
        summary: '企业自查记录：企业用户只看到本单位的记录，监管人员看到辖区内企业的记录',
        querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 } } },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: rosterItem } } }, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const r = await listRosters(db, req.user!, req.query as { page: number; pageSize: number });
      return { total: r.total, items: r.items.map(presentRoster) };
    },
  );

  app.get(
    '/api/roster/results/:id.xlsx',
    {
      config: { permission: 'roster.read' },
      schema: {
        tags: ['roster'],
        summary: '下载名册核验结果（Excel：原有列 + 核验结果 + 说明，问题行标色；本单位以外脱敏）',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'string', format: 'binary' }, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const p = req.user!;
      const r = await findRoster(db, p, (req.params as { id: string }).id);
      if (!r) throw notFound('核验结果');
      const full = seesHolderInFull(p, r.org_uscc);
      let buf: Buffer;
      try {
        buf = readFileSync(resultPath(r.id, full));
      } catch {
        throw notFound('核验结果文件');
      }
      await appendAudit(db, p, { action: 'registry.export', objectType: 'roster', objectId: r.id, region: r.region, details: { rows: Number(r.total), masked: !full } });
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(r.result_name));
      return reply.send(buf);
    },
  );
}
