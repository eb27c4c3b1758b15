// Electronic certificates: public keys and status list (public), certificate page data, PDF and key
// management (console login; key changes for the provincial administrator only).

import { certificateItem } from '../registry/registry-routes.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { attachment } from '../excel/workbook.js';
import { errorSchema } from '../http/errors.js';
import { certificateForViewer, seesHolderInFull } from '../registry/personal-data.js';
import { certificateInScope } from '../registry/registry.repository.js';
import { certificatePdf } from './certificate-pdf.js';
import { credentialServiceOf, STATUS_LIST_PATH } from './credential-service.js';
import { qrSvg } from './qr.js';

const keyInfoSchema = {
  type: 'object',
  properties: { kid: { type: 'string' }, status: { type: 'string', enum: ['active', 'verify', 'retired', 'compromised'] }, createdAt: { type: 'string' }, changedAt: { type: 'string' }, note: { type: ['string', 'null'] } },
} as const;

const certQuery = {
  type: 'object',
  required: ['certNo'],
  properties: { certNo: { type: 'string', minLength: 1, maxLength: 64 }, source: { type: 'string', maxLength: 64, default: '' } },
} as const;

export async function credentialsRoutes(app: FastifyInstance, ctx: AppContext) {
  const svc = credentialServiceOf(ctx);

  app.get(
    '/.well-known/jwks.json',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['credentials'],
        summary: '电子证书签名公钥（JWKS）：可用于离线核验二维码签名',
        response: {
          200: {
            type: 'object',
            properties: {
              keys: { type: 'array', items: { type: 'object', properties: { kty: { type: 'string' }, crv: { type: 'string' }, x: { type: 'string' }, kid: { type: 'string' }, alg: { type: 'string' }, use: { type: 'string' } } } },
            },
          },
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return svc.keys.jwks();
    },
  );

  app.get(
    '/api/public/credentials/keys',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['credentials'],
        summary: '全部签名密钥及其状态（含已停用、已作废的密钥，供核验端说明原因）',
        response: {
          200: {
            type: 'object',
            properties: {
              keys: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    kid: { type: 'string' },
                    status: { type: 'string' },
                    jwk: { type: 'object', properties: { kty: { type: 'string' }, crv: { type: 'string' }, x: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (_req, reply) => {
      await svc.keys.signer();
      reply.header('cache-control', 'public, max-age=300');
      return { keys: await svc.keys.entries() };
    },
  );

  app.get(
    STATUS_LIST_PATH,
    {
      config: { permission: 'public' },
      schema: {
        tags: ['credentials'],
        summary: '证书状态列表（签名、压缩，每张证书2位：有效/吊销撤销/暂扣/注销失效转出）',
        description: 'application/statuslist+jwt：IETF Token Status List 格式的紧凑 JWS，核验端可缓存，按 iat 显示列表生成时间。',
        response: { 200: { type: 'string' } },
      },
    },
    async (_req, reply) => {
      const list = await svc.statusList.current();
      reply.header('content-type', 'application/statuslist+jwt').header('cache-control', `public, max-age=${ctx.config.credentials.statusListRefreshSeconds}`);
      return list.jws;
    },
  );

  await app.register(async (console) => {
    /** The electronic certificate when it lies in the caller's scope (enterprises: their own employees), else 404. */
    async function certificateFor(req: FastifyRequest) {
      const q = req.query as { certNo: string; source: string };
      const certNo = q.certNo.trim();
      if (!(await certificateInScope(ctx.db.kysely, req.user!, certNo, q.source))) throw notFound('证书');
      const e = await svc.electronicCertificate(certNo, q.source);
      const full = seesHolderInFull(req.user!, e.certificate.employer_uscc);
      await appendAudit(ctx.db.kysely, req.user!, { action: 'pii.read', objectType: 'certificate', objectId: certNo, region: req.user!.region, details: { view: 'e-certificate', masked: !full } });
      return { ...e, certificate: certificateForViewer(req.user!, e.certificate) };
    }

    console.get(
      '/api/credentials/certificate',
      {
        config: { permission: 'credentials.read' },
        schema: {
          tags: ['credentials'],
          summary: '电子证书（打印页）：证书信息、签名二维码',
          querystring: certQuery,
          response: {
            200: {
              type: 'object',
              properties: {
                certificate: certificateItem,
                credential: {
                  type: 'object',
                  properties: { cid: { type: 'string' }, idx: { type: 'integer' }, kid: { type: 'string' }, token: { type: 'string' }, verifyUrl: { type: 'string' }, qrSvg: { type: 'string' } },
                },
              },
            },
            400: errorSchema,
            401: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (req) => {
        const e = await certificateFor(req);
        return { certificate: e.certificate, credential: { cid: e.ref.cid, idx: e.ref.idx, kid: e.kid, token: e.token, verifyUrl: e.verifyUrl, qrSvg: await qrSvg(e.verifyUrl) } };
      },
    );

    console.get(
      '/api/credentials/certificate.pdf',
      {
        config: { permission: 'credentials.read' },
        schema: {
          tags: ['credentials'],
          summary: '电子证书 PDF（含签名二维码）',
          querystring: certQuery,
          response: { 200: { type: 'string', format: 'binary' }, 400: errorSchema, 401: errorSchema, 404: errorSchema, 503: errorSchema },
        },
      },
      async (req, reply) => {
        const e = await certificateFor(req);
        const c = e.certificate;
        const pdf = await certificatePdf(
          {
            certNo: c.cert_no,
            category: c.category,
            operation: c.operation,
            name: c.name,
            idNo: c.id_no,
            employerName: c.employer_name,
            employerUscc: c.employer_uscc,
            issuer: c.issuer,
            issued: c.issued,
            expires: c.expires,
            status: c.status,
            verifyUrl: e.verifyUrl,
            kid: e.kid,
          },
          ctx.config.credentials.cjkFontPath,
        );
        reply.header('content-type', 'application/pdf').header('content-disposition', attachment(`电子证书-${c.cert_no}.pdf`));
        return reply.send(pdf);
      },
    );

    console.get(
      '/api/credentials/keys',
      { config: { permission: 'credentials.keys' }, schema: { tags: ['credentials'], summary: '签名密钥列表', response: { 200: { type: 'object', properties: { items: { type: 'array', items: keyInfoSchema } } }, 401: errorSchema, 403: errorSchema } } },
      async () => {
        await svc.keys.signer();
        return { items: await svc.keys.list() };
      },
    );

    const noteBody = { type: 'object', properties: { note: { type: 'string', maxLength: 200 } } } as const;
    const kidParams = { type: 'object', required: ['kid'], properties: { kid: { type: 'string', maxLength: 64 } } } as const;

    console.post(
      '/api/credentials/keys/rotate',
      { config: { permission: 'credentials.keys' }, schema: { tags: ['credentials'], summary: '轮换签名密钥：新密钥开始签名，旧密钥继续用于核验直至停用', body: noteBody, response: { 200: { type: 'object', properties: { key: keyInfoSchema } }, 401: errorSchema, 403: errorSchema } } },
      async (req) => {
        const key = await svc.keys.rotate((req.body as { note?: string } | undefined)?.note ?? null, req.user);
        svc.statusList.invalidate();
        return { key };
      },
    );

    console.post(
      '/api/credentials/keys/:kid/retire',
      { config: { permission: 'credentials.keys' }, schema: { tags: ['credentials'], summary: '停用签名密钥：此后其签发的二维码核验失败（原因：密钥已停用）', params: kidParams, body: noteBody, response: { 204: { type: 'null' }, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } } },
      async (req, reply) => {
        await svc.keys.retire((req.params as { kid: string }).kid, (req.body as { note?: string } | undefined)?.note ?? null, req.user);
        return reply.code(204).send();
      },
    );

    console.post(
      '/api/credentials/keys/:kid/compromise',
      { config: { permission: 'credentials.keys' }, schema: { tags: ['credentials'], summary: '作废签名密钥（泄露）：其签发的二维码一律核验失败；若正在签名，立即换用新密钥', params: kidParams, body: noteBody, response: { 204: { type: 'null' }, 401: errorSchema, 403: errorSchema, 404: errorSchema } } },
      async (req, reply) => {
        await svc.keys.compromise((req.params as { kid: string }).kid, (req.body as { note?: string } | undefined)?.note ?? null, req.user);
        svc.statusList.invalidate();
        return reply.code(204).send();
      },
    );
  });
}
