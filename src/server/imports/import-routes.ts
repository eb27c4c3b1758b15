// Console import API: upload files, follow the job, download its report.

import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { notFound } from '../access/scope.js';
import { maskText } from '../domain/masking.js';
import { KIND_NAMES, type KindName } from '../domain/records.js';
import { AppError, errorSchema } from '../http/errors.js';
import { attachment, XLSX_MIME } from '../excel/workbook.js';
import { jobInScope, listJobs, type ImportJob } from './jobs.repository.js';
import { importReportWorkbook } from './report-excel.js';
import type { SubmittedFile } from './import-jobs.js';
import { acceptUploads } from '../http/uploads.js';

const rejectionSchema = { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, reason: { type: 'string' } } };
const fileReportSchema = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    kind: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['imported', 'rejected'] },
    read: { type: 'integer' },
    inserted: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    rejected: { type: 'array', items: rejectionSchema },
    rejectedCount: { type: 'integer' },
    message: { type: ['string', 'null'] },
  },
};
export const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    fileNames: { type: 'array', items: { type: 'string' } },
    progress: {
      type: 'object',
      properties: {
        fileIndex: { type: 'integer' },
        fileCount: { type: 'integer' },
        file: { type: ['string', 'null'] },
        rowsRead: { type: 'integer' },
        bytesRead: { type: 'integer' },
        bytesTotal: { type: 'integer' },
      },
    },
    report: { anyOf: [{ type: 'null' }, { type: 'object', properties: { files: { type: 'array', items: fileReportSchema } } }] },
    error: { type: ['string', 'null'] },
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** A job as answered: ID numbers quoted in rejection reasons are masked (row and column say where). */
function presentJob(job: ImportJob): ImportJob {
  if (!job.report) return job;
  return {
    ...job,
    report: {
      ...job.report,
      files: job.report.files.map((f) => ({ ...f, message: f.message && maskText(f.message), rejected: f.rejected.map((r) => ({ ...r, reason: maskText(r.reason) })) })),
    },
  };
}

export async function importRoutes(app: FastifyInstance, ctx: AppContext) {
  await acceptUploads(app);
  const db = ctx.db.kysely;
  /** The job, when it exists and its creator is inside the caller's jurisdiction; else 404. */
  async function jobOf(req: { user: unknown; params: unknown }, what = '导入任务') {
    const id = (req.params as { id: string }).id;
    const job = (await jobInScope(db, id, req.user as never)) ? await ctx.imports.get(id) : null;
    if (!job) throw notFound(what);
    return job;
  }

  app.post(
    '/api/imports',
    {
      config: { permission: 'import.write' },
      schema: {
        tags: ['import'],
        summary: '上传文件并导入（multipart：file 可多个；kind 可选）',
        consumes: ['multipart/form-data'],
        response: { 202: { type: 'object', properties: { job: jobSchema } }, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件');
      const dir = join(ctx.config.dataDir, 'uploads', randomUUID());
      mkdirSync(dir, { recursive: true });
      const files: SubmittedFile[] = [];
      let kind: KindName | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const name = part.filename || `file-${files.length + 1}`;
          const path = join(dir, `${files.length}-${name.replace(/[^\w.\-\u4e00-\u9fff]/g, '_')}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw new AppError('bad_request', `文件“${name}”超过大小上限`);
          files.push({ path, name });
        } else if (part.fieldname === 'kind') {
          const v = String(part.value ?? '').trim();
          if (v && v !== 'auto') {
            if (!(KIND_NAMES as readonly string[]).includes(v)) throw new AppError('bad_request', `未知的数据类型“${v}”`);
            kind = v as KindName;
          }
        }
      }
      if (files.length === 0) throw new AppError('bad_request', '请选择要导入的文件');
      for (const f of files) f.kind = kind;
      const job = await ctx.imports.submit(files, req.user?.id ?? null, dir);
      return reply.code(202).send({ job });
    },
  );

  app.get(
    '/api/imports',
    { config: { permission: 'import.read' }, schema: { tags: ['import'], summary: '最近的导入任务（辖区内账号发起的）', response: { 200: { type: 'object', properties: { items: { type: 'array', items: jobSchema } } }, 401: errorSchema, 403: errorSchema } } },
    async (req) => ({ items: await Promise.all((await listJobs(db, req.user!, 50)).map(async (j) => presentJob((await ctx.imports.get(j.id)) ?? j))) }),
  );

  app.get(
    '/api/imports/:id',
    { config: { permission: 'import.read' }, schema: { tags: ['import'], summary: '导入任务状态与报告', params: idParams, response: { 200: { type: 'object', properties: { job: jobSchema } }, 401: errorSchema, 403: errorSchema, 404: errorSchema } } },
    async (req) => ({ job: presentJob(await jobOf(req)) }),
  );

  app.get(
    '/api/imports/:id/report.xlsx',
    { config: { permission: 'import.read' }, schema: { tags: ['import'], summary: '下载导入报告（Excel）', params: idParams, response: { 200: { type: 'string', format: 'binary' }, 401: errorSchema, 403: errorSchema, 404: errorSchema } } },
    async (req, reply) => {
      const job = presentJob(await jobOf(req, '导入报告'));
      if (!job.report) throw notFound('导入报告');
      const buf = await importReportWorkbook(job.report);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`导入报告-${job.createdAt.slice(0, 10)}.xlsx`)).send(buf);
    },
  );
}
