// Console screening API: start runs, follow them, browse hits by rule / city / enterprise, see evidence,
// confirm or dismiss, export.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { maskIdNo, maskRecord, maskText, namesIn } from '../domain/masking.js';
import { refSealerOf } from '../registry/sealed-ref.js';
import { seesWholeProvince } from '../registry/registry-scope.js';
import { isIsoDate, todayCst } from '../domain/dates.js';
import { KIND_LABELS, type KindName } from '../domain/records.js';
import { regionByCode } from '../domain/regions.js';
import { attachment, streamWorkbook, XLSX_MIME, type SheetSpec } from '../excel/workbook.js';
import { AppError, errorSchema } from '../http/errors.js';
import { regionName } from '../registry/presenters.js';
import { RULES } from '../screening/engine.js';
import { DEFAULT_PARAMS, resolveParams, type ScreeningParamsInput } from '../screening/params.js';
import { RULE_IDS } from '../screening/types.js';
import { PassThrough } from 'node:stream';
// PERSON_RULES: their subject is masked and travels as a sealed ref.
import { judgeHit, PERSON_RULES } from './judge-hit.js';
import { countsBy, findHitInScope, findJudgement, hitQuery, HIT_LIST_COLUMNS, listRuns, scopedRunCounts, type HitFilter, type ScreeningRun } from './runs.repository.js';

const RULE_NAME = new Map(RULES.map((r) => [r.id as string, r.name]));

const runSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string' },
    asOf: { type: 'string' },
    params: { type: 'object', additionalProperties: true },
    rules: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    progress: { anyOf: [{ type: 'null' }, { type: 'object', properties: { phase: { type: 'string' }, done: { type: 'number' }, total: { type: 'number' } } }] },
    stats: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true }] },
    previousRunId: { type: ['string', 'null'] },
    hitCount: { type: ['integer', 'null'] },
    newCount: { type: ['integer', 'null'] },
    goneCount: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
  },
} as const;

const hitFilterProps = {
  rule: { type: 'string', enum: [...RULE_IDS] },
  city: { type: 'string', pattern: '^\\d{6}$' },
  region: { type: 'string', pattern: '^\\d{6}$' },
  enterprise: { type: 'string', maxLength: 18 },
  change: { type: 'string', enum: ['current', 'new', 'remaining', 'gone'] },
  judgement: { type: 'string', enum: ['open', 'pending', 'confirmed', 'dismissed', 'all'] },
  q: { type: 'string', maxLength: 100 },
} as const;

const hitItem = {
  type: 'object',
  properties: {
    rule: { type: 'string' },
    rule_name: { type: 'string' },
    subject: { type: 'string' },
    subject_ref: { type: 'string' },
    reason: { type: 'string' },
    region: { type: ['string', 'null'] },
    region_name: { type: ['string', 'null'] },
    city: { type: ['string', 'null'] },
    city_name: { type: ['string', 'null'] },
    enterprise_uscc: { type: ['string', 'null'] },
    enterprise_name: { type: ['string', 'null'] },
    change: { type: 'string' },
    judgement: { type: ['string', 'null'] },
  },
} as const;

const runParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

type HitRow = { rule: string; subject: string; reason: string; region: string | null; city: string | null; enterprise_uscc: string | null; enterprise_name: string | null; change: string; judgement: string | null };
type EvidenceRow = { kind: string; row: Record<string, unknown> };

/**
 * A hit as officials see it: names and ID numbers masked in the subject and the reason (the names are
 * the ones its evidence rows carry), the subject also as a ref that opens the hit.
 */
function presentHit(h: HitRow, evidence: EvidenceRow[], seal: (s: string) => string) {
  const names = evidence.flatMap((e) => namesIn(e.row));
  const isPerson = PERSON_RULES.has(h.rule);
  return {
    ...h,
    subject: isPerson ? maskIdNo(h.subject) : maskText(h.subject),
    subject_ref: isPerson ? seal(h.subject) : h.subject,
    reason: maskText(h.reason, names),
    rule_name: RULE_NAME.get(h.rule) ?? h.rule,
    region_name: regionName(h.region),
    city_name: h.city ? (regionByCode(h.city)?.name ?? null) : null,
  };
}
const evidenceOf = (h: { evidence: string }): EvidenceRow[] => JSON.parse(h.evidence) as EvidenceRow[];

const CHANGE_LABEL: Record<string, string> = { new: '新增', remaining: '仍存在', gone: '已消失' };
const JUDGEMENT_LABEL: Record<string, string> = { confirmed: '已确认（转线索）', dismissed: '已排除' };

const hitSheet: SheetSpec<ReturnType<typeof presentHit>> = {
  name: '筛查命中',
  columns: [
    { header: '规则编号', width: 9, value: (h) => h.rule },
    { header: '规则', width: 16, value: (h) => h.rule_name },
    { header: '对象', width: 24, value: (h) => h.subject },
    { header: '说明', width: 70, value: (h) => h.reason },
    { header: '地区', width: 18, value: (h) => h.region_name },
    { header: '企业/机构信用代码', width: 22, value: (h) => h.enterprise_uscc },
    { header: '企业/机构名称', width: 28, value: (h) => h.enterprise_name },
    { header: '与上次相比', width: 10, value: (h) => CHANGE_LABEL[h.change] ?? h.change },
    { header: '研判', width: 14, value: (h) => (h.judgement ? JUDGEMENT_LABEL[h.judgement] : '待研判') },
  ],
};

export async function screeningRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const refs = refSealerOf(ctx.config);
  const seal = (s: string) => refs.seal(s);
  const principal = (req: FastifyRequest): Principal => req.user!;
  const audit = (req: FastifyRequest, action: string, details: Record<string, unknown>, objectId: string | null = null) =>
    appendAudit(db, principal(req), { action, objectType: 'screening_hit', objectId, region: principal(req).region, details });

  /** Below the province a run's counts are those of the caller's jurisdiction, and per-rule timings are not shown. */
  async function runForViewer(p: Principal, run: ScreeningRun): Promise<ScreeningRun> {
    if (seesWholeProvince(p) || run.status !== 'succeeded') return seesWholeProvince(p) ? run : { ...run, stats: null };
    return { ...run, stats: null, ...(await scopedRunCounts(db, p, run.id)) };
  }

  app.get(
    '/api/screening/rules',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags: ['screening'],
        summary: '筛查规则与默认参数',
        response: {
          200: {
            type: 'object',
            properties: {
              rules: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, subjectType: { type: 'string' }, description: { type: 'string' } } } },
              params: { type: 'object', additionalProperties: true },
            },
          },
          401: errorSchema,
        },
      },
    },
    async () => ({ rules: RULES.map(({ id, name, subjectType, description }) => ({ id, name, subjectType, description })), params: DEFAULT_PARAMS }),
  );

  app.post(
    '/api/screening/runs',
    {
      config: { permission: 'screening.run' },
      schema: {
        tags: ['screening'],
        summary: '发起筛查（后台运行）',
        body: {
          type: 'object',
          properties: {
            asOf: { type: 'string' },
            rules: { type: 'array', items: { type: 'string', enum: [...RULE_IDS] }, minItems: 1 },
            params: { type: 'object', additionalProperties: true },
          },
        },
        response: { 202: { type: 'object', properties: { run: runSchema } }, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as { asOf?: string; rules?: string[]; params?: ScreeningParamsInput };
      const asOf = body.asOf?.trim() || todayCst();
      if (!isIsoDate(asOf)) throw new AppError('bad_request', `评估日期应为 YYYY-MM-DD 格式：${asOf}`);
      let params;
      try {
        params = resolveParams(body.params);
      } catch (e) {
        throw new AppError('bad_request', `筛查参数不正确：${(e as Error).message}`);
      }
      const run = await ctx.screening.submit({ asOf, params, rules: body.rules ?? [...RULE_IDS], createdBy: req.user?.id ?? null });
      return reply.code(202).send({ run });
    },
  );

  app.get(
    '/api/screening/runs',
    { config: { permission: 'screening.read' }, schema: { tags: ['screening'], summary: '筛查记录（命中数按辖区统计）', response: { 200: { type: 'object', properties: { items: { type: 'array', items: runSchema } } }, 401: errorSchema, 403: errorSchema } } },
    async (req) => ({ items: await Promise.all((await listRuns(db, 50)).map(async (r) => runForViewer(principal(req), (await ctx.screening.get(r.id)) ?? r))) }),
  );

  app.get(
    '/api/screening/runs/:id',
    { config: { permission: 'screening.read' }, schema: { tags: ['screening'], summary: '筛查任务状态', params: runParams, response: { 200: { type: 'object', properties: { run: runSchema } }, 401: errorSchema, 403: errorSchema, 404: errorSchema } } },
    async (req) => {
      const run = await ctx.screening.get((req.params as { id: string }).id);
      if (!run) throw new AppError('not_found', '筛查任务不存在');
      return { run: await runForViewer(principal(req), run) };
    },
  );

  async function succeededRun(id: string) {
    const run = await ctx.screening.get(id);
    if (!run) throw new AppError('not_found', '筛查任务不存在');
    if (run.status !== 'succeeded') throw new AppError('conflict', '筛查尚未完成');
    return run;
  }

  app.get(
    '/api/screening/runs/:id/summary',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags: ['screening'],
        summary: '按规则、地市统计命中',
        params: runParams,
        querystring: { type: 'object', properties: hitFilterProps },
        response: { 200: { type: 'object', additionalProperties: true }, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      const run = await succeededRun((req.params as { id: string }).id);
      const c = await countsBy(db, principal(req), run.id, req.query as HitFilter);
      const n = (v: unknown) => Number(v);
      const changeOf = (rule: string, change: string) => c.byChange.filter((r) => r.rule === rule && r.change === change).reduce((s, r) => s + n(r.n), 0);
      const judged = (rule: string, j: string) => c.byChange.filter((r) => r.rule === rule && r.judgement === j && r.change !== 'gone').reduce((s, r) => s + n(r.n), 0);
      return {
        byRule: RULES.map((r) => ({
          rule: r.id,
          name: r.name,
          count: n(c.byRule.find((x) => x.rule === r.id)?.n ?? 0),
          new: changeOf(r.id, 'new'),
          gone: n(c.goneByRule.find((x) => x.rule === r.id)?.n ?? 0),
          confirmed: judged(r.id, 'confirmed'),
          dismissed: judged(r.id, 'dismissed'),
        })),
        byCity: c.byCity.map((x) => ({ city: x.city, name: x.city ? (regionByCode(x.city)?.name ?? x.city) : '未知地区', count: n(x.n) })).sort((a, b) => b.count - a.count),
        byRuleCity: c.byRuleCity.map((x) => ({ rule: x.rule, city: x.city, count: n(x.n) })),
      };
    },
  );

  app.get(
    '/api/screening/runs/:id/hits',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags: ['screening'],
        summary: '命中列表',
        params: runParams,
        querystring: { type: 'object', properties: { ...hitFilterProps, page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 } } },
        response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: hitItem } } }, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      const run = await succeededRun((req.params as { id: string }).id);
      const { page, pageSize, ...f } = req.query as HitFilter & { page: number; pageSize: number };
      const base = hitQuery(db, principal(req), run.id, f);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const items = await base.select([...HIT_LIST_COLUMNS, 'h.evidence']).orderBy('h.rule').orderBy('h.subject').limit(pageSize).offset((page - 1) * pageSize).execute();
      await audit(req, 'pii.read', { list: 'screening_hits', runId: run.id, filter: { ...f, q: f.q ? maskText(f.q) : undefined }, page, count: items.length, total: Number(total?.n ?? 0) });
      return { total: Number(total?.n ?? 0), items: items.map((h) => presentHit(h as HitRow, evidenceOf(h), seal)) };
    },
  );

  app.get(
    '/api/screening/runs/:id/hits/:rule/:subject',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags: ['screening'],
        summary: '命中详情与证据（姓名、身份证号脱敏）',
        params: { type: 'object', required: ['id', 'rule', 'subject'], properties: { id: { type: 'string', format: 'uuid' }, rule: { type: 'string', enum: [...RULE_IDS] }, subject: { type: 'string', maxLength: 200, description: '对象（列表中的 subject_ref）' } } },
        response: { 200: { type: 'object', additionalProperties: true }, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      const { id, rule } = req.params as { id: string; rule: string; subject: string };
      const subject = refs.resolve((req.params as { subject: string }).subject);
      const run = await succeededRun(id);
      const hit = subject ? await findHitInScope(db, principal(req), run.id, rule, subject) : undefined;
      if (!hit) throw notFound('该命中');
      const judgement = await findJudgement(db, rule, subject);
      const rows = evidenceOf(hit);
      const evidence = rows.map((e) => ({ ...e, row: maskRecord(e.row), kindLabel: KIND_LABELS[e.kind as KindName] ?? e.kind }));
      const { evidence: _e, evidence_hash, ...rest } = hit;
      await audit(req, 'pii.read', { runId: run.id, rule, evidenceRows: rows.length }, `${rule}:${PERSON_RULES.has(rule) ? maskIdNo(subject) : subject}`);
      return {
        hit: { ...presentHit(rest as HitRow, rows, seal), evidence, evidenceChangedSinceJudgement: !!judgement && judgement.evidence_hash !== evidence_hash },
        judgement: judgement ? { ...judgement, subject: PERSON_RULES.has(rule) ? maskIdNo(judgement.subject) : judgement.subject } : null,
        rule: RULES.find((r) => r.id === rule) ? { id: rule, name: RULE_NAME.get(rule), description: RULES.find((r) => r.id === rule)!.description } : null,
      };
    },
  );

  app.get(
    '/api/screening/runs/:id/export.xlsx',
    { config: { permission: 'screening.read' }, schema: { tags: ['screening'], summary: '导出命中（Excel；辖区内，脱敏）', params: runParams, querystring: { type: 'object', properties: hitFilterProps }, response: { 200: { type: 'string', format: 'binary' }, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } } },
    async (req, reply) => {
      const run = await succeededRun((req.params as { id: string }).id);
      const f = req.query as HitFilter;
      const rows = await hitQuery(db, principal(req), run.id, f).select([...HIT_LIST_COLUMNS, 'h.evidence']).orderBy('h.rule').orderBy('h.subject').execute();
      await audit(req, 'registry.export', { list: 'screening_hits', runId: run.id, filter: { ...f, q: f.q ? maskText(f.q) : undefined }, count: rows.length });
      const out = new PassThrough();
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`筛查命中-${run.asOf}.xlsx`));
      async function* iter() {
        for (const r of rows) yield presentHit(r as HitRow, evidenceOf(r), seal);
      }
      streamWorkbook(out, hitSheet, iter()).catch((e) => out.destroy(e));
      return reply.send(out);
    },
  );

  app.post(
    '/api/screening/judgements',
    {
      config: { permission: 'screening.judge' },
      schema: {
        tags: ['screening'],
        summary: '研判命中：确认（转为线索）或排除（须填理由）',
        body: {
          type: 'object',
          required: ['runId', 'rule', 'subject', 'decision'],
          properties: {
            runId: { type: 'string', format: 'uuid' },
            rule: { type: 'string', enum: [...RULE_IDS] },
            subject: { type: 'string', minLength: 1, maxLength: 200 },
            decision: { type: 'string', enum: ['confirmed', 'dismissed'] },
            reason: { type: 'string', maxLength: 500 },
          },
        },
        response: { 200: { type: 'object', additionalProperties: true }, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const b = req.body as { runId: string; rule: string; subject: string; decision: 'confirmed' | 'dismissed'; reason?: string };
      const subject = refs.resolve(b.subject);
      // Outside the caller's jurisdiction a hit does not exist for them.
      if (!subject || !(await findHitInScope(db, principal(req), b.runId, b.rule, subject))) throw notFound('该命中');
      const r = await judgeHit(db, { ...b, subject, reason: b.reason ?? null, userId: req.user?.id ?? null, actor: req.user });
      return { judgement: { ...r.judgement, subject: PERSON_RULES.has(b.rule) ? maskIdNo(subject) : subject }, clueId: r.clueId };
    },
  );
}
