// Console case API (案件): lists with overdue, the dashboard counts, a case with its history and the
// actions the caller may take now, actions, files, transfers (region and police), stage deadlines.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { allows } from '../access/policy.js';
import { governs, regionWithin } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { CLUE_SOURCE_LABELS, type ClueSource } from '../clues/clues.repository.js';
import { maskDeep, namesOfDetails } from '../clues/mask-clue.js';
import { maskText } from '../domain/masking.js';
import { displaySubject, SUBJECT_KIND_LABELS, type SubjectKind } from '../clues/subjects.js';
import { credentialServiceOf } from '../credentials/credential-service.js';
import { verificationServiceOf } from '../verification/verification-service.js';
import { attachment } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { regionName } from '../registry/presenters.js';
import { actOnCase, mayWork, OFFICER_ACTIONS, type OfficerAction } from './act-on-case.js';
import { attachFile, downloadFile, FILE_KIND_LABELS, FILE_KINDS, type FileKind } from './attach-file.js';
import { allowedActions, CASE_ACTION_LABELS, CASE_STATE_LABELS, CASE_STATES, foldCase, type CaseAction, type CaseState } from './case-machine.js';
import { assignableOfficers, caseCounts, caseFiles, caseHistory, caseTransfers, findCaseFor, incomingTransfers, listCases, loadDeadlineConfig, machineEvents, recomputeOpenDeadlines, saveDeadlineConfig } from './cases.repository.js';
import { caseClock } from './clock.js';
import { DEADLINE_LABELS, checkDeadlineConfig, isOverdue } from './deadlines.js';
import { DECISION_LABELS, DECISION_TYPES, describeDecision, type DecisionItem } from './decisions.js';
import { acknowledgePolice, referToPolice } from './refer-to-police.js';
import { answerTransfer, transferCase } from './transfer-case.js';
import { dishonestyRoutes } from './dishonesty.js';
import { acceptUploads } from '../http/uploads.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const ok = { type: 'object', additionalProperties: true } as const;

const decisionItemSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: [...DECISION_TYPES] },
    amount: { type: 'number' },
    certNo: { type: 'string', maxLength: 100 },
    target: { type: 'string', maxLength: 100 },
    targetKind: { type: 'string', enum: ['person', 'enterprise', 'institution'] },
    until: { type: 'string', maxLength: 10 },
    note: { type: 'string', maxLength: 1000 },
  },
} as const;

export async function caseRoutes(app: FastifyInstance, ctx: AppContext) {
  await acceptUploads(app);
  const db = ctx.db.kysely;
  const dataDir = ctx.config.dataDir;
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  await dishonestyRoutes(app, ctx);

  /**
   * After a decision on certificates commits: the QR status list's cached copy is stale, and so are cached public answers
   * on the changed certificates (the answer cache's own version check would see the commit too; this
   * says it plainly — decision 020).
   */
  async function registryChanged(req: FastifyRequest, certNos: string[]) {
    credentialServiceOf(ctx).statusList.invalidate();
    if (!certNos.length) return;
    const verification = (await verificationServiceOf(ctx, req.log)) as { answers?: { invalidateCertificate(certNo: string): void } };
    for (const n of certNos) verification.answers?.invalidateCertificate(n);
  }

  app.get(
    '/api/cases',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags: ['enforcement'],
        summary: '案件列表（本辖区；执法检查人员只看指派给自己的）',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: [...CASE_STATES, 'active'] },
            overdue: { type: 'boolean' },
            assignee: { type: 'string', maxLength: 64 },
            region: { type: 'string', pattern: '^\\d{6}$' },
            q: { type: 'string', maxLength: 100 },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
          },
        },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: anyObject } } }, ...errors },
      },
    },
    async (req) => {
      const q = req.query as { state?: string; overdue?: boolean; assignee?: string; region?: string; q?: string; page: number; pageSize: number };
      const now = caseClock.now();
      const { total, items } = await listCases(db, req.user!, { ...q, now }, q.page, q.pageSize);
      return {
        total,
        items: items.map((c) => ({ ...c, state_label: CASE_STATE_LABELS[c.state as CaseState] ?? c.state, region_name: regionName(c.region), overdue: isOverdue(c.deadline, now) })),
      };
    },
  );

  app.get(
    '/api/cases/summary',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags: ['enforcement'],
        summary: '案件统计（仪表盘）：在办、超期、未指派、各状态数量、待接收移送',
        response: { 200: { type: 'object', properties: { active: { type: 'integer' }, overdue: { type: 'integer' }, unassigned: { type: 'integer' }, incomingTransfers: { type: 'integer' }, byState: { type: 'object', additionalProperties: { type: 'integer' } } } }, ...errors },
      },
    },
    async (req) => {
      const counts = await caseCounts(db, req.user!, caseClock.now());
      const incoming = allows(req.user!, 'transfers.handle') ? (await incomingTransfers(db, req.user!)).length : 0;
      return { ...counts, incomingTransfers: incoming };
    },
  );

  app.get(
    '/api/cases/deadlines',
    { config: { permission: 'cases.read' }, schema: { tags: ['enforcement'], summary: '各阶段办案期限（天）', response: { 200: { type: 'object', properties: { config: anyObject, labels: anyObject } }, ...errors } } },
    async () => ({ config: await loadDeadlineConfig(db), labels: DEADLINE_LABELS }),
  );

  app.put(
    '/api/cases/deadlines',
    {
      config: { permission: 'cases.configure' },
      schema: {
        tags: ['enforcement'],
        summary: '设置各阶段办案期限（天）：在办案件的当前阶段期限按新设置重新计算',
        body: { type: 'object', additionalProperties: { type: 'integer' } },
        response: { 200: { type: 'object', properties: { config: anyObject, recomputed: { type: 'integer', description: '期限有变化的在办案件数' } } }, ...errors },
      },
    },
    async (req) => {
      const r = checkDeadlineConfig({ ...(await loadDeadlineConfig(db)), ...(req.body as Record<string, unknown>) });
      if (!r.ok) throw new AppError('bad_request', r.message);
      const recomputed = await db.transaction().execute(async (trx) => {
        await saveDeadlineConfig(trx, r.config);
        const n = await recomputeOpenDeadlines(trx, r.config);
        await appendAudit(trx, req.user!, { action: 'case.deadlines', objectType: 'config', objectId: 'cases.deadlines', details: { ...r.config, openCasesRecomputed: n } });
        return n;
      });
      return { config: r.config, recomputed };
    },
  );

  app.get(
    '/api/cases/:id',
    { config: { permission: 'cases.read' }, schema: { tags: ['enforcement'], summary: '案件详情：办理经过、可办理的操作、文件（含哈希）、移送', params: idParams, response: { 200: { type: 'object', properties: { case: anyObject } }, ...errors } } },
    async (req) => {
      const user = req.user!;
      const c = await findCaseFor(db, idOf(req), user);
      if (!c) throw notFound('案件');
      const now = caseClock.now();
      const history = await caseHistory(db, c.id);
      const view = foldCase(machineEvents(history));
      const users = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
      const clue = await db.selectFrom('clues').select(['id', 'source', 'summary', 'created_at', 'region', 'details']).where('id', '=', c.clue_id).executeTakeFirst();
      const names = namesOfDetails(clue?.details ?? null);
      const subjects = await db.selectFrom('clue_subjects').select(['kind', 'value']).where('clue_id', '=', c.clue_id).execute();
      const transfers = await caseTransfers(db, c.id);
      const incoming = transfers.find((t) => t.kind === 'region' && t.status === 'pending' && t.to_region && regionWithin(t.to_region, user.region) && governs(user, t.to_region) && allows(user, 'transfers.handle'));
      const rectifications = await db.selectFrom('rectification_orders').selectAll().where('case_id', '=', c.id).execute();
      const offered = governs(user, c.region) ? allowedActions(view).filter((a) => mayWork(user, c, a) === null) : [];
      return {
        case: {
          id: c.id,
          case_no: c.case_no,
          title: c.title,
          region: c.region,
          region_name: regionName(c.region),
          state: view.state,
          state_label: CASE_STATE_LABELS[view.state],
          stage_since: view.stageSince,
          filed_at: view.filedAt,
          deadline: c.deadline,
          overdue: isOverdue(c.deadline, now),
          assignee_id: view.assigneeId,
          assignee_name: view.assigneeId ? (users.get(view.assigneeId) ?? null) : null,
          decision: view.decision,
          decision_text: view.decision ? describeDecision(view.decision) : null,
          allowed_actions: offered.map((a) => ({ action: a, label: CASE_ACTION_LABELS[a] })),
          incoming_transfer: incoming ? { id: incoming.id, from_region: incoming.from_region, from_region_name: regionName(incoming.from_region), to_unit: incoming.to_unit, reason: incoming.reason } : null,
          clue: clue && {
            id: clue.id,
            source: clue.source,
            created_at: clue.created_at,
            region: clue.region,
            summary: maskText(clue.summary, names),
            source_label: CLUE_SOURCE_LABELS[clue.source as ClueSource] ?? clue.source,
            subjects: subjects.map((s) => ({ kind: s.kind, kind_label: SUBJECT_KIND_LABELS[s.kind as SubjectKind] ?? s.kind, value: displaySubject({ kind: s.kind as SubjectKind, value: s.value }) })),
          },
          history: history.map((h) => ({
            seq: h.seq,
            action: h.action,
            label: CASE_ACTION_LABELS[h.action as CaseAction] ?? (h.action === 'attach' ? '上传文件' : h.action),
            at: h.at,
            actor_name: h.actor_name,
            details: maskDeep(JSON.parse(h.details) as Record<string, unknown>, names),
          })),
          files: (await caseFiles(db, c.id)).map((f) => ({ id: f.id, kind: f.kind, kind_label: FILE_KIND_LABELS[f.kind] ?? f.kind, name: f.name, size: f.size, sha256: f.sha256, note: f.note, uploaded_at: f.uploaded_at, uploaded_by: f.uploaded_by ? (users.get(f.uploaded_by) ?? null) : null })),
          transfers: transfers.map((t) => ({ ...t, to_region_name: regionName(t.to_region), from_region_name: regionName(t.from_region), response: t.kind === 'police' && t.response ? JSON.parse(t.response) : t.response })),
          rectifications,
        },
      };
    },
  );

  app.get(
    '/api/cases/:id/assignees',
    { config: { permission: 'cases.assign' }, schema: { tags: ['enforcement'], summary: '可指派的承办人（覆盖案件地区的在职人员）', params: idParams, response: { 200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } }, ...errors } } },
    async (req) => {
      const c = await findCaseFor(db, idOf(req), req.user!);
      if (!c || !governs(req.user!, c.region)) throw notFound('案件');
      return { items: (await assignableOfficers(db, c.region)).map((u) => ({ ...u, region_name: regionName(u.region) })) };
    },
  );

  app.post(
    '/api/cases/:id/actions',
    {
      config: { permission: 'cases.act' },
      schema: {
        tags: ['enforcement'],
        summary: '办理案件：指派、调查取证、告知、决定、执行、结案、撤销、复查（只接受当前状态允许的操作）',
        params: idParams,
        body: {
          type: 'object',
          required: ['action'],
          properties: {
            action: { type: 'string', enum: [...OFFICER_ACTIONS] },
            note: { type: 'string', maxLength: 2000 },
            assigneeId: { type: 'string', maxLength: 64 },
            items: { type: 'array', maxItems: 20, items: decisionItemSchema },
            uscc: { type: 'string', maxLength: 18 },
            requestId: { type: 'string', maxLength: 64 },
          },
        },
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const b = req.body as { action: OfficerAction; note?: string; assigneeId?: string; items?: DecisionItem[]; uscc?: string; requestId?: string };
      const r = await actOnCase(db, { caseId: idOf(req), ...b, actor: req.user!, now: caseClock.now() });
      if (r.effects?.certificates.length) await registryChanged(req, r.effects.certificates.map((c) => c.certNo));
      return { replay: r.replay, effects: r.effects };
    },
  );

  app.post(
    '/api/cases/:id/files',
    {
      config: { permission: 'cases.act' },
      schema: {
        tags: ['enforcement'],
        summary: '上传案件文件（multipart：先 kind、note 字段，后 file；按 SHA-256 存储）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: { type: 'object', properties: { id: { type: 'string' }, sha256: { type: 'string' }, size: { type: 'integer' } } }, ...errors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件');
      const part = await req.file();
      if (!part) throw new AppError('bad_request', '请选择要上传的文件');
      const field = (name: string) => {
        const f = part.fields[name] as { value?: unknown } | undefined;
        return f && 'value' in f ? String(f.value ?? '') : '';
      };
      const kind = field('kind') || 'evidence';
      if (!(FILE_KINDS as readonly string[]).includes(kind)) throw new AppError('bad_request', `文件类别“${kind}”不正确（证据、文书或回执扫描件）`);
      const r = await attachFile(db, { caseId: idOf(req), kind: kind as FileKind, name: part.filename, note: field('note') || null, content: part.file, actor: req.user!, now: caseClock.now(), dataDir, truncated: () => part.file.truncated });
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/api/cases/:id/files/:fileId',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags: ['enforcement'],
        summary: '下载案件文件（下载前核对 SHA-256）',
        params: { type: 'object', required: ['id', 'fileId'], properties: { id: { type: 'string', format: 'uuid' }, fileId: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'string', format: 'binary' }, ...errors },
      },
    },
    async (req, reply) => {
      const { fileId } = req.params as { fileId: string };
      const { file, content } = await downloadFile(db, { caseId: idOf(req), fileId, actor: req.user!, dataDir });
      return reply
        .header('content-type', file.kind === 'package' ? 'application/zip' : 'application/octet-stream')
        .header('content-disposition', attachment(file.name))
        .header('x-content-sha256', file.sha256)
        .send(content);
    },
  );

  app.post(
    '/api/cases/:id/transfers',
    {
      config: { permission: 'cases.act' },
      schema: {
        tags: ['enforcement'],
        summary: '移送其他地区或部门（接收方接收或退回）',
        params: idParams,
        body: { type: 'object', required: ['toRegion', 'toUnit', 'reason'], properties: { toRegion: { type: 'string', pattern: '^\\d{6}$' }, toUnit: { type: 'string', maxLength: 100 }, reason: { type: 'string', maxLength: 2000 } } },
        response: { 201: { type: 'object', properties: { transferId: { type: 'string' } } }, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { toRegion: string; toUnit: string; reason: string };
      return reply.code(201).send(await transferCase(db, { caseId: idOf(req), ...b, actor: req.user!, now: caseClock.now() }));
    },
  );

  app.post(
    '/api/cases/:id/police',
    {
      config: { permission: 'cases.act' },
      schema: {
        tags: ['enforcement'],
        summary: '移送公安机关：生成移送材料包（案件事实、办理经过、全部证据及 SHA-256 清单）',
        params: idParams,
        body: { type: 'object', required: ['toUnit', 'reason'], properties: { toUnit: { type: 'string', maxLength: 100 }, reason: { type: 'string', maxLength: 2000 } } },
        response: { 201: { type: 'object', properties: { transferId: { type: 'string' }, packageFileId: { type: 'string' }, sha256: { type: 'string' } } }, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { toUnit: string; reason: string };
      return reply.code(201).send(await referToPolice(db, { caseId: idOf(req), ...b, actor: req.user!, now: caseClock.now(), dataDir }));
    },
  );

  app.post(
    '/api/cases/:id/police/receipt',
    {
      config: { permission: 'cases.act' },
      schema: {
        tags: ['enforcement'],
        summary: '登记公安机关回执（接收人、日期、文书编号、扫描件）',
        params: idParams,
        body: {
          type: 'object',
          required: ['receivedBy', 'receivedOn', 'docNo'],
          properties: { receivedBy: { type: 'string', maxLength: 100 }, receivedOn: { type: 'string', maxLength: 10 }, docNo: { type: 'string', maxLength: 100 }, fileId: { type: 'string', maxLength: 64 } },
        },
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const b = req.body as { receivedBy: string; receivedOn: string; docNo: string; fileId?: string };
      await acknowledgePolice(db, { caseId: idOf(req), receipt: b, actor: req.user!, now: caseClock.now() });
      return { ok: true };
    },
  );

  app.get(
    '/api/transfers/incoming',
    { config: { permission: 'transfers.handle' }, schema: { tags: ['enforcement'], summary: '移送给本辖区、待接收的案件', response: { 200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } }, ...errors } } },
    async (req) => ({ items: (await incomingTransfers(db, req.user!)).map((t) => ({ ...t, from_region_name: regionName(t.from_region), to_region_name: regionName(t.to_region) })) }),
  );

  for (const verb of ['accept', 'reject'] as const)
    app.post(
      `/api/transfers/:id/${verb}`,
      {
        config: { permission: 'transfers.handle' },
        schema: {
          tags: ['enforcement'],
          summary: verb === 'accept' ? '接收移送（案件及证据转入本辖区）' : '退回移送（须写明理由）',
          params: idParams,
          body: { type: 'object', properties: { reason: { type: 'string', maxLength: 2000 } } },
          response: { 200: { type: 'object', properties: { caseId: { type: 'string' }, replay: { type: 'boolean' } } }, ...errors },
        },
      },
      async (req) => answerTransfer(db, { transferId: idOf(req), accept: verb === 'accept', reason: (req.body as { reason?: string } | undefined)?.reason ?? null, actor: req.user!, now: caseClock.now() }),
    );

  app.get(
    '/api/cases/meta/labels',
    { config: { permission: 'cases.read' }, schema: { tags: ['enforcement'], summary: '案件状态、操作、处理类型的中文名称', response: { 200: anyObject, ...errors } } },
    async () => ({ states: CASE_STATE_LABELS, actions: CASE_ACTION_LABELS, decisions: DECISION_LABELS, fileKinds: FILE_KIND_LABELS }),
  );
}
