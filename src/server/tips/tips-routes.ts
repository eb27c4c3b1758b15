// Tips API: the public form and tracking page (no login, rate-limited), and the staff side (jurisdiction
// scope: a tip outside it is "not found").

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { todayCst } from '../domain/dates.js';
import { AppError, errorSchema } from '../http/errors.js';
import { rateLimited } from '../verification/verification-routes.js';
import { verificationServiceOf } from '../verification/verification-service.js';
import { reportedWebsitesOfTip } from '../websites/websites.repository.js';
import { checkAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readAttachment, storeAttachments } from './attachments.js';
import { addMessage, checkMessage, closeTip, decideReward, payReward, rewardSuggestion } from './handle-tip.js';
import { submitTip } from './submit-tip.js';
import { checkTipInput, describeErrors, type FieldError, type RawTip } from './tip-input.js';
import { presentTip } from './tip-presenter.js';
import { TIP_CATEGORIES, TIP_CHANNELS } from './tip-rules.js';
import { attachmentsOf, listTips, messagesOf, rewardOf, tipInScope } from './tips.repository.js';
import { openTrackedTip, trackingView } from './track-tip.js';
import { acceptUploads } from '../http/uploads.js';

/** A 400 that names every field and its reason: the error answer plus `fields`. */
const fieldErrorSchema = {
  ...errorSchema,
  properties: {
    error: {
      ...errorSchema.properties.error,
      properties: {
        ...errorSchema.properties.error.properties,
        fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
      },
    },
  },
} as const;

const tipProperties = {
  category: { type: 'string', description: `举报类别：${TIP_CATEGORIES.join('、')}` },
  anonymous: { type: 'boolean', description: '匿名举报' },
  reporterName: { type: 'string', description: '举报人姓名（实名举报）' },
  reporterPhone: { type: 'string', description: '联系电话（实名举报）' },
  region: { type: 'string', description: '所在地区（市州或区县代码）' },
  subjectCertNo: { type: 'string' },
  subjectPersonName: { type: 'string' },
  subjectIdNo: { type: 'string' },
  subjectEnterprise: { type: 'string' },
  subjectUscc: { type: 'string' },
  subjectUrl: { type: 'string' },
  description: { type: 'string' },
  pin: { type: 'string', description: '查询密码：6 至 12 位数字' },
} as const;

const submittedSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trackingCode: { type: 'string' },
    region: { type: 'string' },
    handlingUnit: { type: 'string' },
    dueDate: { type: 'string' },
    clueId: { type: ['string', 'null'] },
    clueCreated: { type: 'boolean' },
    notice: { type: 'string' },
  },
} as const;

const trackSchema = {
  type: 'object',
  properties: {
    trackingCode: { type: 'string' },
    category: { type: 'string' },
    receivedAt: { type: 'string' },
    handlingUnit: { type: 'string' },
    status: { type: 'string' },
    statusText: { type: 'string' },
    progress: { type: 'string' },
    dueDate: { type: 'string' },
    closedAt: { type: ['string', 'null'] },
    messages: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, body: { type: 'string' }, at: { type: 'string' } } } },
  },
} as const;

const tipSchema = { type: 'object', additionalProperties: true } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
const credentials = { code: { type: 'string', maxLength: 64 }, pin: { type: 'string', maxLength: 32 } } as const;

/** Who sees a report: said plainly on the form and in the answer. */
export const VISIBILITY_NOTICE =
  '您的举报将由所选地区（未选时为被举报对象所在地区）的住房和城乡建设主管部门办理，只有该部门及其上级部门的办理人员能看到。实名举报人的姓名和电话予以保密，办理人员查看时均有记录；匿名举报不收集身份信息。';

const refuseFields = (reply: FastifyReply, errors: FieldError[]) =>
  reply.code(400).send({ error: { code: 'bad_request', message: describeErrors(errors), fields: errors } });

const WRONG_CODE = '查询码或查询密码不正确，请核对后重试';

export async function tipsRoutes(app: FastifyInstance, ctx: AppContext) {
  await acceptUploads(app);
  const db = ctx.db.kysely;
  const svc = await verificationServiceOf(ctx, app.log);
  const limited = rateLimited(svc);

  /** The form's fields and files: JSON, or multipart with the fields as JSON in `tip` and files in `file`. */
  async function readSubmission(req: FastifyRequest): Promise<{ raw: RawTip; files: Array<{ name: string; content: Buffer; truncated: boolean }>; errors: FieldError[] }> {
    if (!req.isMultipart()) return { raw: (req.body ?? {}) as RawTip, files: [], errors: [] };
    let raw: RawTip = {};
    const files: Array<{ name: string; content: Buffer; truncated: boolean }> = [];
    const errors: FieldError[] = [];
    for await (const part of req.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS + 1, fields: 4 } })) {
      if (part.type === 'file') {
        try {
          files.push({ name: part.filename, content: await part.toBuffer(), truncated: part.file.truncated });
        } catch (e) {
          if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
          files.push({ name: part.filename, content: Buffer.alloc(0), truncated: true });
        }
      } else if (part.fieldname === 'tip') {
        try {
          raw = JSON.parse(String(part.value)) as RawTip;
        } catch {
          errors.push({ field: 'tip', reason: '表单数据格式不正确' });
        }
      }
    }
    return { raw, files, errors };
  }

  app.post(
    '/api/public/tips',
    {
      config: { permission: 'public' },
      onRequest: limited,
      bodyLimit: (MAX_ATTACHMENTS + 1) * MAX_ATTACHMENT_BYTES,
      schema: {
        tags: ['tips'],
        summary: '公开举报（无需登录）：返回查询码',
        description: `JSON，或 multipart/form-data（字段 tip 为 JSON，附件字段 file，最多 ${MAX_ATTACHMENTS} 个图片或 PDF，每个不超过 10 MB）。${VISIBILITY_NOTICE}`,
        consumes: ['application/json', 'multipart/form-data'],
        response: { 200: submittedSchema, 400: fieldErrorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const now = new Date();
      const { raw, files, errors } = await readSubmission(req);
      const checked = checkTipInput(raw, { staff: false, now });
      const { attachments, errors: fileErrors } = checkAttachments(files);
      const all = [...errors, ...(checked.ok ? [] : checked.errors), ...fileErrors];
      if (!checked.ok || all.length) return refuseFields(reply, all);
      storeAttachments(ctx.config.dataDir, attachments);
      const out = await db.transaction().execute((trx) => submitTip(trx, { input: checked.tip, attachments, actor: null, publicBaseUrl: ctx.config.publicBaseUrl, now }));
      return { ...out, notice: VISIBILITY_NOTICE };
    },
  );

  app.post(
    '/api/public/tips/track',
    {
      config: { permission: 'public' },
      onRequest: limited,
      schema: {
        tags: ['tips'],
        summary: '举报查询：查询码 + 查询密码 → 办理进度与留言',
        description: '查询码不存在与查询密码错误的回答完全相同；同一查询码连续 5 次密码错误将锁定 15 分钟。',
        body: { type: 'object', required: ['code', 'pin'], properties: credentials },
        response: { 200: trackSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req) => {
      const { code, pin } = req.body as { code: string; pin: string };
      const row = await openTrackedTip(db, code, pin, new Date());
      if (!row) throw new AppError('not_found', WRONG_CODE);
      return trackingView(db, row, code);
    },
  );

  app.post(
    '/api/public/tips/track/messages',
    {
      config: { permission: 'public' },
      onRequest: limited,
      schema: {
        tags: ['tips'],
        summary: '举报人留言（查询码 + 查询密码）',
        body: { type: 'object', required: ['code', 'pin', 'body'], properties: { ...credentials, body: { type: 'string', maxLength: 4000 } } },
        response: { 200: trackSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req) => {
      const { code, pin, body } = req.body as { code: string; pin: string; body: string };
      const row = await openTrackedTip(db, code, pin, new Date());
      if (!row) throw new AppError('not_found', WRONG_CODE);
      const text = checkMessage(body);
      await db.transaction().execute((trx) => addMessage(trx, row, null, text, new Date()));
      return trackingView(db, row, code);
    },
  );

  // ---- staff ----------------------------------------------------------------------------------

  app.post(
    '/api/tips',
    {
      config: { permission: 'tips.enter' },
      schema: {
        tags: ['tips'],
        summary: '录入热线举报（12350、12345、来信、来访等）',
        body: {
          type: 'object',
          properties: {
            ...tipProperties,
            channel: { type: 'string', description: Object.entries(TIP_CHANNELS).filter(([c]) => c !== 'web').map(([c, l]) => `${c} ${l}`).join('，') },
            receivedAt: { type: 'string', description: '来电/收件时间（默认现在）' },
          },
        },
        response: { 200: submittedSchema, 400: fieldErrorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req, reply) => {
      const now = new Date();
      const checked = checkTipInput(req.body as RawTip, { staff: true, now });
      if (!checked.ok) return refuseFields(reply, checked.errors);
      const out = await db.transaction().execute((trx) => submitTip(trx, { input: checked.tip, attachments: [], actor: req.user!, publicBaseUrl: ctx.config.publicBaseUrl, now }));
      return { ...out, notice: VISIBILITY_NOTICE };
    },
  );

  app.get(
    '/api/tips',
    {
      config: { permission: 'tips.read' },
      schema: {
        tags: ['tips'],
        summary: '举报列表（本辖区）',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['received', 'handling', 'closed'] },
            category: { type: 'string', maxLength: 20 },
            channel: { type: 'string', maxLength: 10 },
            region: { type: 'string', pattern: '^51\\d{4}$' },
            overdue: { type: 'boolean' },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
          },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: tipSchema } } }, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const q = req.query as { status?: string; category?: string; channel?: string; region?: string; overdue?: boolean; page: number; pageSize: number };
      const today = todayCst();
      const { rows, total } = await listTips(db, req.user!, { ...q, today, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { total, items: rows.map((r) => presentTip(r, today)) };
    },
  );

  const scoped = async (req: FastifyRequest) => {
    const row = await tipInScope(db, req.user!, (req.params as { id: string }).id);
    if (!row) throw notFound('举报');
    return row;
  };

  app.get(
    '/api/tips/:id',
    {
      config: { permission: 'tips.read' },
      schema: { tags: ['tips'], summary: '举报详情', params: idParams, response: { 200: tipSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    },
    async (req) => {
      const row = await scoped(req);
      const [messages, attachments, reward, websites, suggestion] = await Promise.all([
        messagesOf(db, row.id),
        attachmentsOf(db, row.id),
        rewardOf(db, row.id),
        reportedWebsitesOfTip(db, row.id),
        rewardSuggestion(db, row),
      ]);
      return {
        ...presentTip(row, todayCst()),
        description: row.description,
        messages: messages.map((m) => ({ from: m.author, body: m.body, at: m.at })),
        attachments: attachments.map((a) => ({ name: a.name, mime: a.mime, size: a.size, sha256: a.sha256 })),
        websites: websites.map((w) => ({ url: w.url, host: w.host, verdict: w.verdict, reasons: JSON.parse(w.reasons) as string[] })),
        reward: reward
          ? { decision: reward.decision, fineAmount: reward.fine_amount, suggested: reward.suggested, amount: reward.amount, reason: reward.reason, decidedAt: reward.decided_at, paidAt: reward.paid_at }
          : null,
        rewardSuggestion: suggestion,
      };
    },
  );

  app.post(
    '/api/tips/:id/reveal',
    {
      config: { permission: 'tips.reveal' },
      schema: {
        tags: ['tips'],
        summary: '查看实名举报人身份（须说明理由，记入审计日志）',
        params: idParams,
        body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 2, maxLength: 200 } } },
        response: {
          200: { type: 'object', properties: { reporterName: { type: ['string', 'null'] }, reporterPhone: { type: ['string', 'null'] }, subjectPersonName: { type: ['string', 'null'] }, subjectIdNo: { type: ['string', 'null'] } } },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const row = await scoped(req);
      const { reason } = req.body as { reason: string };
      if (!reason.trim()) throw new AppError('bad_request', '查看理由：请填写');
      await appendAudit(db, req.user, { action: 'pii.reveal', objectType: 'tip', objectId: row.id, region: row.region, details: { reason: reason.trim(), fields: ['reporterName', 'reporterPhone', 'subjectPerson', 'subjectIdNo'] } });
      return { reporterName: row.reporter_name, reporterPhone: row.reporter_phone, subjectPersonName: row.subject_person, subjectIdNo: row.subject_id_no };
    },
  );

  app.get(
    '/api/tips/:id/attachments/:sha256',
    {
      config: { permission: 'tips.read' },
      schema: {
        tags: ['tips'],
        summary: '下载举报附件',
        params: { type: 'object', required: ['id', 'sha256'], properties: { id: { type: 'string', maxLength: 64 }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } } },
        response: { 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const row = await scoped(req);
      const { sha256 } = req.params as { sha256: string };
      const meta = (await attachmentsOf(db, row.id)).find((a) => a.sha256 === sha256);
      const content = meta ? readAttachment(ctx.config.dataDir, sha256) : null;
      if (!meta || !content) throw notFound('附件');
      await appendAudit(db, req.user, { action: 'tip.attachment_download', objectType: 'tip', objectId: row.id, region: row.region, details: { sha256 } });
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );

  app.post(
    '/api/tips/:id/messages',
    {
      config: { permission: 'tips.handle' },
      schema: {
        tags: ['tips'],
        summary: '给举报人留言（办结后的第一条留言即为办理结果反馈）',
        params: idParams,
        body: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: 4000 } } },
        response: { 204: { type: 'null' }, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const row = await scoped(req);
      const text = checkMessage((req.body as { body: string }).body);
      await db.transaction().execute((trx) => addMessage(trx, row, req.user!, text, new Date()));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/tips/:id/close',
    {
      config: { permission: 'tips.handle' },
      schema: {
        tags: ['tips'],
        summary: '办结举报（10 日内须向举报人反馈）',
        params: idParams,
        body: { type: 'object', required: ['outcome', 'valid'], properties: { outcome: { type: 'string', maxLength: 2000 }, valid: { type: 'boolean', description: '是否为有效举报（决定能否奖励）' } } },
        response: { 204: { type: 'null' }, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const row = await scoped(req);
      const b = req.body as { outcome: string; valid: boolean };
      await db.transaction().execute((trx) => closeTip(trx, row, req.user!, b, new Date()));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/tips/:id/reward',
    {
      config: { permission: 'tips.handle' },
      schema: {
        tags: ['tips'],
        summary: '举报奖励决定（罚没款 15%，最低 3000 元、最高 30 万元；无罚款 1000 元；仅奖励第一个有效举报人）',
        params: idParams,
        body: {
          type: 'object',
          required: ['decision'],
          properties: {
            decision: { type: 'string', enum: ['granted', 'refused'] },
            fineAmount: { type: ['number', 'null'], description: '罚款金额（元）；不填则取案件处理决定中的罚款' },
            amount: { type: ['number', 'null'], description: '奖励金额（元）；不填则按建议金额' },
            reason: { type: ['string', 'null'], maxLength: 500 },
          },
        },
        response: {
          200: { type: 'object', properties: { decision: { type: 'string' }, fineAmount: { type: ['number', 'null'] }, suggested: { type: 'number' }, amount: { type: 'number' } } },
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const row = await scoped(req);
      const b = req.body as { decision: 'granted' | 'refused'; fineAmount?: number | null; amount?: number | null; reason?: string | null };
      return db.transaction().execute((trx) =>
        decideReward(trx, row, req.user!, { decision: b.decision, fineAmount: b.fineAmount ?? null, amount: b.amount ?? null, reason: b.reason ?? null }, new Date()),
      );
    },
  );

  app.post(
    '/api/tips/:id/reward/paid',
    {
      config: { permission: 'tips.handle' },
      schema: { tags: ['tips'], summary: '登记奖励已发放', params: idParams, response: { 204: { type: 'null' }, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } },
    },
    async (req, reply) => {
      const row = await scoped(req);
      await db.transaction().execute((trx) => payReward(trx, row, req.user!, new Date()));
      return reply.code(204).send();
    },
  );
}

