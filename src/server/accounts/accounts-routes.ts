// Accounts administration (账号管理) and self-registration (自助注册) with its approval (注册审核).

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { errorSchema } from '../http/errors.js';
import { userSchema } from '../auth/auth-routes.js';
import { MAX_PASSWORD_LENGTH } from '../auth/password-policy.js';
import type { AccountFields } from './account-input.js';
import { listAccounts, type AccountFilter } from './accounts.repository.js';
import { createAccount, resetAccount, setAccountEnabled } from './manage-accounts.js';
import { listRegistrations } from './registrations.repository.js';
import { decide, submitRegistration, type RegistrationInput } from './registrations.js';
import { registrationLimit } from './registration-limit.js';

const nullableString = { type: ['string', 'null'] } as const;

const accountSchema = {
  type: 'object',
  required: [...userSchema.required, 'status'],
  properties: {
    ...userSchema.properties,
    regionName: nullableString,
    status: { type: 'string', enum: ['active', 'pending', 'disabled', 'rejected'] },
    createdAt: { type: 'string' },
    passwordChangedAt: nullableString,
    totpEnrolled: { type: 'boolean' },
  },
} as const;

const registrationSchema = {
  type: 'object',
  required: ['id', 'kind', 'orgUscc', 'orgName', 'status'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['enterprise', 'institution'] },
    orgUscc: { type: 'string' },
    orgName: { type: 'string' },
    licenceNo: nullableString,
    contactName: { type: 'string' },
    contactPhone: nullableString,
    username: { type: 'string' },
    region: { type: 'string' },
    regionName: nullableString,
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    submittedAt: { type: 'string' },
    decidedAt: nullableString,
    reason: nullableString,
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } as const;
const withPassword = { type: 'object', required: ['account', 'password'], properties: { account: accountSchema, password: { type: 'string', description: '临时密码，仅显示这一次' } } } as const;

export async function accountsRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  app.get(
    '/api/accounts',
    {
      config: { permission: 'accounts.read' },
      schema: {
        tags: ['accounts'],
        summary: '账号列表（本辖区及下级）',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 100 },
            role: { type: 'string', maxLength: 20 },
            status: { type: 'string', enum: ['active', 'pending', 'disabled', 'rejected'] },
            region: { type: 'string', pattern: '^\\d{6}$' },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
          },
        },
        response: { 200: { type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: accountSchema } } }, ...errors },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query as AccountFilter & { page: number; pageSize: number };
      return listAccounts(db, req.user!, f, { page, pageSize });
    },
  );

  app.post(
    '/api/accounts',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: '创建账号（本辖区及下级；临时密码仅返回一次，首次登录须修改）',
        body: {
          type: 'object',
          required: ['username', 'displayName', 'role', 'region'],
          properties: {
            username: { type: 'string', maxLength: 64 },
            displayName: { type: 'string', maxLength: 100 },
            role: { type: 'string', maxLength: 20 },
            region: { type: 'string', maxLength: 6 },
            orgUscc: { type: ['string', 'null'], maxLength: 30 },
          },
        },
        response: { 201: withPassword, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createAccount(db, req.user!, req.body as AccountFields)),
  );

  for (const [action, enabled] of [['disable', false], ['enable', true]] as const)
    app.post(
      `/api/accounts/:id/${action}`,
      {
        config: { permission: 'accounts.manage' },
        schema: { tags: ['accounts'], summary: enabled ? '启用账号' : '停用账号（其登录随即失效）', params: idParams, response: { 200: { type: 'object', required: ['account'], properties: { account: accountSchema } }, ...errors } },
      },
      async (req) => ({ account: await setAccountEnabled(db, req.user!, (req.params as { id: string }).id, enabled) }),
    );

  app.post(
    '/api/accounts/:id/reset',
    {
      config: { permission: 'accounts.manage' },
      schema: { tags: ['accounts'], summary: '重置账号：新的临时密码，动态验证码重新绑定', params: idParams, response: { 200: withPassword, ...errors } },
    },
    async (req) => resetAccount(db, req.user!, (req.params as { id: string }).id),
  );

  app.post(
    '/api/registrations',
    {
      config: { permission: 'public' },
      onRequest: await registrationLimit(app, ctx),
      schema: {
        tags: ['accounts'],
        summary: '企业或培训考核机构自助注册（待所在区县主管部门审核）',
        body: {
          type: 'object',
          required: ['kind', 'orgUscc', 'contactName', 'username', 'password'],
          properties: {
            kind: { type: 'string', enum: ['enterprise', 'institution'] },
            orgUscc: { type: 'string', maxLength: 30 },
            orgName: { type: 'string', maxLength: 200 },
            licenceNo: { type: 'string', maxLength: 60 },
            contactName: { type: 'string', maxLength: 50 },
            contactPhone: { type: 'string', maxLength: 30 },
            username: { type: 'string', maxLength: 64 },
            password: { type: 'string', maxLength: MAX_PASSWORD_LENGTH },
          },
        },
        response: { 201: { type: 'object', required: ['registration'], properties: { registration: registrationSchema } }, ...errors, 429: errorSchema },
      },
    },
    async (req, reply) => reply.code(201).send({ registration: await submitRegistration(db, req.body as RegistrationInput) }),
  );

  app.get(
    '/api/registrations',
    {
      config: { permission: 'registrations.approve' },
      schema: {
        tags: ['accounts'],
        summary: '注册申请（本辖区及下级）',
        querystring: { type: 'object', properties: { status: { type: 'string', enum: ['pending', 'approved', 'rejected'] } } },
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: registrationSchema } } }, ...errors },
      },
    },
    async (req) => ({ items: await listRegistrations(db, req.user!, (req.query as { status?: string }).status) }),
  );

  for (const [action, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const)
    app.post(
      `/api/registrations/:id/${action}`,
      {
        config: { permission: 'registrations.approve' },
        schema: {
          tags: ['accounts'],
          summary: decision === 'approved' ? '通过注册申请（账号随即可以登录）' : '驳回注册申请（须写明理由）',
          params: idParams,
          body: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } },
          response: { 200: { type: 'object', required: ['registration'], properties: { registration: registrationSchema } }, ...errors },
        },
      },
      async (req) => ({
        registration: await decide(db, req.user!, (req.params as { id: string }).id, decision, (req.body as { reason?: string } | undefined)?.reason ?? null),
      }),
    );
}
