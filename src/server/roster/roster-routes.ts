// 企业自查 API: upload a roster (Excel or CSV), get every row's verdict, download the result workbook.

import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { requireUser } from '../auth/auth-routes.js';
import { todayCst } from '../domain/dates.js';
import { attachment, XLSX_MIME } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { formatOf } from '../import/read-rows.js';
import { checkRoster } from './check-roster.js';
import { rosterWorkbook } from './roster-excel.js';
import { ROSTER_VERDICTS } from './roster-verdict.js';

const RESULT_TTL_MS = 24 * 3_600_000;
const MAX_ROWS_IN_ANSWER = 5000;

export const resultFileName = (uploaded: string) => `${basename(uploaded, extname(uploaded))}-核验结果.xlsx`;

export async function rosterRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireUser(ctx));
  const resultsDir = join(ctx.config.dataDir, 'roster-results');

  const summarySchema = { type: 'object', properties: Object.fromEntries(ROSTER_VERDICTS.map((v) => [v, { type: 'integer' }])) };

  app.post(
    '/api/roster/check',
    {
      schema: {
        tags: ['roster'],
        summary: '企业自查：上传人员名册（Excel 或 CSV，含 姓名、身份证号、证书编号 列），逐行核验',
        description: 'format=xlsx 时直接返回结果工作簿；默认返回 JSON（逐行结果与下载地址）。',
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
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (req, reply) => {
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
        const check = await checkRoster(ctx.db.kysely, { path, format, today: todayCst() });
        const xlsx = await rosterWorkbook(check);
        const fileName = resultFileName(file.filename);
        if ((req.query as { format: string }).format === 'xlsx') {
          reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(fileName));
          return reply.send(xlsx);
        }
        const id = randomUUID();
        mkdirSync(resultsDir, { recursive: true });
        removeOldResults(resultsDir);
        writeFileSync(join(resultsDir, `${id}.xlsx`), xlsx);
        writeFileSync(join(resultsDir, `${id}.name`), fileName);
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
    '/api/roster/results/:id.xlsx',
    {
      schema: {
        tags: ['roster'],
        summary: '下载名册核验结果（Excel：原有列 + 核验结果 + 说明，问题行标色）',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'string', format: 'binary' }, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      let buf: Buffer;
      let name: string;
      try {
        buf = readFileSync(join(resultsDir, `${id}.xlsx`));
        name = readFileSync(join(resultsDir, `${id}.name`), 'utf8');
      } catch {
        throw new AppError('not_found', '核验结果不存在或已过期（保留24小时），请重新上传名册');
      }
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(name));
      return reply.send(buf);
    },
  );
}

function removeOldResults(dir: string) {
  const cutoff = Date.now() - RESULT_TTL_MS;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
  }
}
