// Public verification (no login, rate-limited, recorded) and the officials' signal list (console login).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { maskName } from '../domain/masking.js';
import { certNoScope } from '../registry/registry-scope.js';
import { todayCst } from '../domain/dates.js';
import { AppError, errorSchema } from '../http/errors.js';
import { sendAtTurnEnd } from '../http/coalesce-writes.js';
import type { CachedAnswer } from './answer-cache.js';
import type { ClientIdentity } from './client-address.js';
import { toSignals } from './signals.js';
import type { RateDecision } from './rate-limit/rate-limiter.js';
import { BYPASS_HEADER, verificationServiceOf, type VerificationService } from './verification-service.js';
import { answerQuery, type VerifyQuery } from './verify-certificate.js';
import { certificatesByNumbers, recentEvents, signalRows } from './verification.repository.js';
import { credentialServiceOf } from '../credentials/credential-service.js';
import { NO_MATCH, presentVerification, verificationAnswerSchema as answerSchema } from './verification-result.js';

declare module 'fastify' {
  interface FastifyRequest {
    verifyClient: ClientIdentity | null;
  }
}

const publicErrors = { 400: errorSchema, 429: errorSchema } as const;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Today in CST (YYYY-MM-DD), recomputed once a second rather than per request. */
let todayAt = 0;
let todayIs = '';
function today(now: number): string {
  if (now - todayAt >= 1000) {
    todayAt = now;
    todayIs = todayCst(new Date(now));
  }
  return todayIs;
}

/** Who is asking, and may they: the rate limits' decision (allow-listed clients get theirs at once). */
function admit(svc: VerificationService, req: FastifyRequest): RateDecision | Promise<RateDecision> {
  const client = svc.hasher.identify(req.ip);
  req.verifyClient = client;
  return svc.limiter.check(client.clientHash, svc.isBypassed(req.ip, req.headers[BYPASS_HEADER]));
}

/** The 429 for a refused request (Retry-After set), or undefined. */
function refusal(reply: FastifyReply, d: RateDecision): AppError | undefined {
  if (d.allowed) return undefined;
  reply.header('retry-after', String(d.retryAfter));
  return new AppError('rate_limited', d.scope === 'client' ? `查询过于频繁，请 ${d.retryAfter} 秒后再试` : `当前查询人数较多，请 ${d.retryAfter} 秒后再试`);
}

/** onRequest hook of the public verification routes other than the query itself (the QR token). */
export function rateLimited(svc: VerificationService) {
  // Callback style: a decision known at once (an allow-listed client) costs no promise.
  return (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const d = admit(svc, req);
    if (d instanceof Promise) d.then((x) => done(refusal(reply, x)), done);
    else done(refusal(reply, d));
  };
}

/**
 * The public query, once the rate limits have decided: refused (429), or answered and recorded. A
 * cached answer (most of them) is sent without a promise; a lookup sends when it is done. Either way the
 * answer leaves at the end of the turn (coalesce-writes.ts), so nothing is returned to Fastify: a
 * promise would make it send its (empty) value first. No closure is made per cached answer (the
 * TypeScript loader names each one, which costs a microsecond).
 */
function verify(svc: VerificationService, req: FastifyRequest, reply: FastifyReply, d: RateDecision): void {
  const refused = refusal(reply, d);
  if (refused) throw refused;
  const q = req.query as VerifyQuery & { channel: 'web' | 'api' };
  const now = Date.now();
  const answer = answerQuery(svc.lookup, svc.answers, q, today(now), reply);
  if (answer instanceof Promise) {
    // A failed lookup, or a failure while recording or sending its answer, is this request's 500 (not an
    // unhandled rejection: no promise goes back to Fastify to catch it).
    answer.then((a) => sendAnswer(svc, req, reply, q.channel, now, a)).catch((err: unknown) => reply.send(err));
  } else sendAnswer(svc, req, reply, q.channel, now, answer);
}

/** Record the verification and send its answer's body, serialized already (by the route, or cached). */
function sendAnswer(svc: VerificationService, req: FastifyRequest, reply: FastifyReply, channel: 'web' | 'api', at: number, answer: CachedAnswer): void {
  svc.recorder.record({ at, channel, subject: answer, client: req.verifyClient! });
  // Sent with the turn's other answers (coalesce-writes.ts): one wake-up of a busy client for many.
  sendAtTurnEnd(reply.type(JSON_TYPE), answer.body);
}

export async function verificationRoutes(app: FastifyInstance, ctx: AppContext) {
  const svc = await verificationServiceOf(ctx, app.log);
  app.addHook('onClose', async () => svc.close());
  app.decorateRequest('verifyClient', null);

  app.get(
    '/api/public/verify',
    {
      config: { permission: 'public' },
      // High volume, and each one is recorded (masked) by the recorder: no request log line.
      logLevel: 'warn',
      schema: {
        tags: ['verification'],
        summary: '证书核验（公开）：证书编号+姓名，或身份证号+姓名',
        description:
          '“证书不存在”与“证书存在但姓名不符”的回答完全相同（字节级一致），不泄露某人或某证书是否存在。姓名、身份证号脱敏显示。每个客户端和全局均有频率限制，超出时返回 429 及 Retry-After。',
        querystring: {
          type: 'object',
          properties: {
            certNo: { type: 'string', maxLength: 64, description: '证书编号' },
            idNo: { type: 'string', maxLength: 32, description: '身份证号' },
            name: { type: 'string', maxLength: 64, description: '持证人姓名' },
            channel: { type: 'string', enum: ['web', 'api'], default: 'api', description: '查询渠道' },
          },
        },
        response: { 200: answerSchema, ...publicErrors },
      },
    },
    // The rate limits are decided in the handler rather than by an onRequest hook (as the other public
    // routes do): the busiest route then runs no hook at all. Input that fails the schema is refused
    // (400) before it is counted.
    (req, reply) => {
      const d = admit(svc, req);
      if (d instanceof Promise) {
        d.then((x) => verify(svc, req, reply, x)).catch((err: unknown) => reply.send(err));
      } else verify(svc, req, reply, d);
    },
  );

  const credentials = credentialServiceOf(ctx);
  const dayOf = (seconds: number) => new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);

  app.get(
    '/api/public/verify/token',
    {
      config: { permission: 'public' },
      logLevel: 'warn',
      onRequest: rateLimited(svc),
      schema: {
        tags: ['verification'],
        summary: '扫码核验（公开）：核验二维码中的签名令牌，并按证书库的当前状态作答',
        querystring: { type: 'object', required: ['t'], properties: { t: { type: 'string', minLength: 1, maxLength: 4096, description: '二维码中的令牌' } } },
        response: {
          200: {
            type: 'object',
            required: [...answerSchema.required, 'token'],
            properties: {
              ...answerSchema.properties,
              token: {
                type: 'object',
                properties: {
                  outcome: { type: 'string' },
                  reason: { type: 'string' },
                  kid: { type: ['string', 'null'] },
                  issued: { type: ['string', 'null'] },
                  expires: { type: ['string', 'null'] },
                },
              },
            },
          },
          ...publicErrors,
        },
      },
    },
    async (req) => {
      const { t } = req.query as { t: string };
      const verdict = await credentials.checkToken(t, (cid) => svc.lookup.byCid(cid));
      const signed = verdict.claims !== null && !['bad_signature', 'unknown_key', 'retired_key', 'compromised_key', 'malformed', 'oversized', 'unsupported_alg', 'not_yet_valid'].includes(verdict.outcome);
      const matches = signed ? (await svc.lookup.byCid(verdict.claims!.cid)).filter((c) => c.source === '') : [];
      const answer = matches.length ? presentVerification(matches, todayCst()) : NO_MATCH;
      svc.recorder.record({
        at: Date.now(),
        channel: 'qr',
        subject: {
          query: `token=${verdict.claims?.cid ?? '(invalid)'}&kid=${verdict.kid ?? ''}`,
          result: signed ? answer.result : `token_${verdict.outcome}`,
          certNo: matches[0]?.cert_no ?? null,
          source: matches[0]?.source ?? null,
        },
        client: req.verifyClient!,
      });
      const token = {
        outcome: verdict.outcome,
        reason: verdict.reason,
        kid: verdict.kid,
        issued: verdict.claims ? dayOf(verdict.claims.iat) : null,
        expires: verdict.claims ? dayOf(verdict.claims.exp - 1) : null,
      };
      if (!signed) return { ...NO_MATCH, label: '二维码核验未通过', message: verdict.reason, token };
      return { ...answer, token };
    },
  );

  await app.register(async (console) => {
    const v = ctx.config.verification;

    console.get(
      '/api/verification/signals',
      {
        config: { permission: 'verification.signals' },
        schema: {
          tags: ['verification'],
          summary: '核验预警：短时间内被大量客户端或从多个地点核验的证书',
          querystring: {
            type: 'object',
            properties: {
              minutes: { type: 'integer', minimum: 1, maximum: 43_200, default: v.signalWindowMinutes },
              minClients: { type: 'integer', minimum: 2, default: v.signalMinClients },
              minPlaces: { type: 'integer', minimum: 2, default: v.signalMinPlaces },
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                since: { type: 'string' },
                thresholds: { type: 'object', properties: { minutes: { type: 'integer' }, minClients: { type: 'integer' }, minPlaces: { type: 'integer' } } },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      certNo: { type: 'string' },
                      checks: { type: 'integer' },
                      clients: { type: 'integer' },
                      places: { type: 'integer' },
                      noMatch: { type: 'integer' },
                      firstAt: { type: 'string' },
                      lastAt: { type: 'string' },
                      reasons: { type: 'array', items: { type: 'string' } },
                      registered: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: { source: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, status: { type: 'string' }, expires: { type: 'string' }, employerUscc: { type: ['string', 'null'] } },
                        },
                      },
                    },
                  },
                },
              },
            },
            401: errorSchema,
            403: errorSchema,
          },
        },
      },
      async (req) => {
        const q = req.query as { minutes: number; minClients: number; minPlaces: number; limit: number };
        await svc.recorder.flush();
        const since = new Date(Date.now() - q.minutes * 60_000).toISOString();
        const thresholds = { minutes: q.minutes, minClients: q.minClients, minPlaces: q.minPlaces };
        const signals = toSignals(await signalRows(svc.events, since, q.minClients, q.minPlaces, q.limit, certNoScope(req.user!, 'cert_no')), thresholds);
        const certs = await certificatesByNumbers(ctx.db.kysely, signals.map((s) => s.cert_no));
        return {
          since,
          thresholds,
          items: signals.map((s) => ({
            certNo: s.cert_no,
            checks: s.checks,
            clients: s.clients,
            places: s.places,
            noMatch: s.no_match,
            firstAt: s.first_at,
            lastAt: s.last_at,
            reasons: s.reasons,
            registered: certs
              .filter((c) => c.cert_no === s.cert_no)
              .map((c) => ({ source: c.source, name: maskName(c.name), category: c.category, status: c.status, expires: c.expires, employerUscc: c.employer_uscc })),
          })),
        };
      },
    );

    console.get(
      '/api/verification/events',
      {
        config: { permission: 'verification.signals' },
        schema: {
          tags: ['verification'],
          summary: '核验记录（脱敏）',
          querystring: { type: 'object', properties: { certNo: { type: 'string', maxLength: 64 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
          response: {
            200: {
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      at: { type: 'string' },
                      channel: { type: 'string' },
                      query: { type: 'string' },
                      result: { type: 'string' },
                      clientHash: { type: 'string' },
                      placeHash: { type: 'string' },
                      certNo: { type: ['string', 'null'] },
                      source: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            401: errorSchema,
            403: errorSchema,
          },
        },
      },
      async (req) => {
        const q = req.query as { certNo?: string; limit: number };
        await svc.recorder.flush();
        // A certificate's events of the last 90 days (scanned through the time index).
        const rows = await recentEvents(svc.events, { certNo: q.certNo, since: new Date(Date.now() - 90 * 86_400_000).toISOString(), limit: q.limit, scope: certNoScope(req.user!, 'cert_no') });
        return {
          items: rows.map((r) => ({ at: r.at, channel: r.channel, query: r.query, result: r.result, clientHash: r.client_hash, placeHash: r.place_hash, certNo: r.cert_no, source: r.source })),
        };
      },
    );

    console.get(
      '/api/verification/stats',
      {
        config: { permission: 'verification.signals' },
        schema: {
          tags: ['verification'],
          summary: '核验服务运行状态：记录缓冲、限流存储',
          response: {
            200: {
              type: 'object',
              properties: {
                recorder: { type: 'object', properties: { recorded: { type: 'integer' }, written: { type: 'integer' }, dropped: { type: 'integer' }, pending: { type: 'integer' }, failures: { type: 'integer' } } },
                rateLimit: {
                  type: 'object',
                  properties: { store: { type: 'string' }, storeErrors: { type: 'integer' }, windowSeconds: { type: 'integer' }, perClient: { type: 'integer' }, global: { type: 'integer' } },
                },
              },
            },
            401: errorSchema,
            403: errorSchema,
          },
        },
      },
      async () => ({
        recorder: svc.recorder.stats,
        rateLimit: { store: svc.limiter.storeKind, storeErrors: svc.limiter.storeErrors, windowSeconds: v.rateLimitWindowSeconds, perClient: v.rateLimitPerClient, global: v.rateLimitGlobal },
      }),
    );
  });
}
