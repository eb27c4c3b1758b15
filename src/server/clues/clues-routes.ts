// Console clue API (线索): list and detail inside the jurisdiction, manual entry, a clue from a
// verification signal, 立案 (into a case) and 不予立案.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { regionWithin } from '../access/roles.js';
import { notFound, regionScope } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { CASE_STATE_LABELS, type CaseState } from '../cases/case-machine.js';
import { caseClock } from '../cases/clock.js';
import { fileCase } from '../cases/file-case.js';
import { maskText } from '../domain/masking.js';
import { maskDeep, namesDeep, namesOfDetails, parseDetails } from './mask-clue.js';
import { errorSchema } from '../http/errors.js';
import { regionName } from '../registry/presenters.js';
import { CLUE_SOURCE_LABELS, CLUE_SOURCES, CLUE_STATUS_LABELS, CLUE_STATUSES, clueProgress, clueReports, clueSubjects, listClues, openClue, type ClueSource, type ClueStatus } from './clues.repository.js';
import { lookalikeTag } from './clue-labels.js';
import { dismissClue } from './dismiss-clue.js';
import { displaySubject, KIND_OF_ID_TYPE, SUBJECT_KIND_LABELS, SUBJECT_KINDS, type SubjectKind } from './subjects.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const subjectSchema = {
  type: 'object',
  required: ['kind', 'value'],
  properties: { kind: { type: 'string', enum: [...SUBJECT_KINDS] }, value: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;


export async function clueRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  app.get(
    '/api/clues',
    {
      config: { permission: 'clues.read' },
      schema: {
        tags: ['enforcement'],
        summary: '线索列表（本辖区）',
        querystring: {
          type: 'object',
          properties: {
            source: { type: 'string', enum: [...CLUE_SOURCES] },
            status: { type: 'string', enum: [...CLUE_STATUSES] },
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
      const q = req.query as { source?: string; status?: string; region?: string; q?: string; page: number; pageSize: number };
      const { total, items } = await listClues(db, regionScope('clues.region', req.user!), q, q.page, q.pageSize);
      return {
        total,
        items: items.map(({ details, ...c }) => {
          const parsed = parseDetails(details);
          return {
            ...c,
            subject: displaySubject({ kind: KIND_OF_ID_TYPE[c.subject_type] ?? 'website', value: c.subject }),
            summary: maskText(c.summary, namesDeep(parsed)),
            lookalike: lookalikeTag([parsed]),
            source_label: CLUE_SOURCE_LABELS[c.source as ClueSource] ?? c.source,
            status_label: CLUE_STATUS_LABELS[c.status as ClueStatus] ?? c.status,
            region_name: regionName(c.region),
          };
        }),
      };
    },
  );

  app.get(
    '/api/clues/:id',
    { config: { permission: 'clues.read' }, schema: { tags: ['enforcement'], summary: '线索详情：对象、来源报告、案件、进展', params: idParams, response: { 200: { type: 'object', properties: { clue: anyObject } }, ...errors } } },
    async (req) => {
      const { id } = req.params as { id: string };
      const clue = await db.selectFrom('clues').selectAll().where('id', '=', id).where(regionScope('clues.region', req.user!)).executeTakeFirst();
      if (!clue) throw notFound('线索');
      const subjects = (await clueSubjects(db, id)).map((s) => ({ kind: s.kind, kind_label: SUBJECT_KIND_LABELS[s.kind as SubjectKind] ?? s.kind, value: displaySubject({ kind: s.kind as SubjectKind, value: s.value }) }));
      const rows = await clueReports(db, id);
      const names = [clue.details, ...rows.map((r) => r.details)].flatMap(namesOfDetails);
      const reports = rows.map((r) => ({
        id: r.id,
        source: r.source,
        source_label: CLUE_SOURCE_LABELS[r.source as ClueSource] ?? r.source,
        summary: maskText(r.summary, names),
        details: maskDeep(JSON.parse(r.details) as unknown, names),
        created_at: r.created_at,
      }));
      const kase = clue.case_id ? await db.selectFrom('cases').select(['id', 'case_no', 'state']).where('id', '=', clue.case_id).executeTakeFirst() : undefined;
      return {
        clue: {
          id: clue.id,
          source: clue.source,
          source_label: CLUE_SOURCE_LABELS[clue.source as ClueSource] ?? clue.source,
          status: clue.status,
          status_label: CLUE_STATUS_LABELS[clue.status as ClueStatus] ?? clue.status,
          summary: maskText(clue.summary, names),
          region: clue.region,
          region_name: regionName(clue.region),
          created_at: clue.created_at,
          closed_reason: clue.closed_reason,
          closed_at: clue.closed_at,
          report_count: clue.report_count,
          subjects,
          reports,
          case: kase ? { ...kase, state_label: CASE_STATE_LABELS[kase.state as CaseState] ?? kase.state } : null,
          progress: await clueProgress(db, id),
        },
      };
    },
  );

  const created = { 201: { type: 'object', properties: { id: { type: 'string' }, created: { type: 'boolean' }, region: { type: 'string' }, regionName: { type: ['string', 'null'] }, inJurisdiction: { type: 'boolean' } } } } as const;

  app.post(
    '/api/clues',
    {
      config: { permission: 'clues.write' },
      schema: {
        tags: ['enforcement'],
        summary: '人工录入线索（同一对象已有未办结线索时并入）',
        body: {
          type: 'object',
          required: ['subjects', 'summary'],
          properties: {
            subjects: { type: 'array', minItems: 1, maxItems: 20, items: subjectSchema },
            summary: { type: 'string', minLength: 1, maxLength: 2000 },
            region: { type: 'string', pattern: '^\\d{6}$' },
            note: { type: 'string', maxLength: 5000 },
          },
        },
        response: { ...created, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { subjects: Array<{ kind: string; value: string }>; summary: string; region?: string; note?: string };
      const r = await db.transaction().execute(async (trx) => {
        // Subjects the registry does not place (a website) stay with the region chosen, else the entering official's.
        const r = await openClue(trx, { source: 'manual', subjects: b.subjects, summary: b.summary, region: b.region ?? req.user!.region, details: { note: b.note ?? null }, createdBy: req.user!.id });
        await appendAudit(trx, req.user!, { action: r.created ? 'clue.open' : 'clue.join', objectType: 'clue', objectId: r.id, region: r.region, details: { source: 'manual', subjects: b.subjects.length } });
        return r;
      });
      return reply.code(201).send({ ...r, regionName: regionName(r.region), inJurisdiction: regionWithin(r.region, req.user!.region) });
    },
  );

  app.post(
    '/api/clues/from-signal',
    {
      config: { permission: 'clues.write' },
      schema: {
        tags: ['enforcement'],
        summary: '由核验异常信号生成线索',
        body: {
          type: 'object',
          required: ['certNo'],
          properties: { certNo: { type: 'string', minLength: 1, maxLength: 100 }, reasons: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 300 } } },
        },
        response: { ...created, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { certNo: string; reasons?: string[] };
      const reasons = b.reasons ?? [];
      const r = await db.transaction().execute(async (trx) => {
        const r = await openClue(trx, {
          source: 'verification',
          subjects: [{ kind: 'certificate', value: b.certNo }],
          summary: `【核验异常】证书 ${b.certNo.trim()} 查询异常${reasons.length ? '：' + reasons.join('；') : ''}`,
          // A number the registry does not know (a fake) stays with the official who saw the signal.
          region: req.user!.region,
          details: { reasons },
          createdBy: req.user!.id,
        });
        await appendAudit(trx, req.user!, { action: r.created ? 'clue.open' : 'clue.join', objectType: 'clue', objectId: r.id, region: r.region, details: { source: 'verification', certNo: b.certNo } });
        return r;
      });
      return reply.code(201).send({ ...r, regionName: regionName(r.region), inJurisdiction: regionWithin(r.region, req.user!.region) });
    },
  );

  app.post(
    '/api/clues/:id/file',
    {
      config: { permission: 'clues.write' },
      schema: {
        tags: ['enforcement'],
        summary: '立案：线索转为案件（可同时指派承办人）',
        params: idParams,
        body: { type: 'object', properties: { title: { type: 'string', maxLength: 200 }, assigneeId: { type: 'string' }, note: { type: 'string', maxLength: 2000 } } },
        response: { 201: { type: 'object', properties: { caseId: { type: 'string' }, replay: { type: 'boolean' } } }, ...errors },
      },
    },
    async (req, reply) => {
      const b = (req.body ?? {}) as { title?: string; assigneeId?: string; note?: string };
      const r = await fileCase(db, { clueId: (req.params as { id: string }).id, ...b, actor: req.user!, now: caseClock.now() });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/api/clues/:id/dismiss',
    {
      config: { permission: 'clues.write' },
      schema: {
        tags: ['enforcement'],
        summary: '不予立案（理由将告知举报人）',
        params: idParams,
        body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } },
        response: { 200: { type: 'object', properties: { replay: { type: 'boolean' } } }, ...errors },
      },
    },
    async (req) => dismissClue(db, { clueId: (req.params as { id: string }).id, reason: (req.body as { reason: string }).reason, actor: req.user!, now: caseClock.now() }),
  );
}
