// Login (password → TOTP or its enrolment → a required password change → session), logout, the
// current user, changing one's password.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { permissionsOf } from '../access/policy.js';
import { loadKek } from '../credentials/key-encryption.js';
import { clearCookie, cookie, setCookie, type CookieOptions } from '../http/cookies.js';
import { AppError, errorSchema } from '../http/errors.js';
import { changePassword, loginWithNewPassword, loginWithPassword, loginWithTotp, logout, type AuthDeps, type LoginStep } from './login.js';
import { LoginThrottle } from './login-throttle.js';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';
import { dummyHash, verifyPassword } from './password.js';
import { createSession, findUserById, userForSession, type User } from './users.repository.js';
import { appendAudit } from '../audit/audit-log.js';

export const SESSION_COOKIE = 'cg_session';
/** The login in progress between its steps (HttpOnly, only sent to the login routes). */
export const CHALLENGE_COOKIE = 'cg_login';
const CHALLENGE_PATH = '/api/auth/login';

export const userSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'region', 'orgUscc'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    region: { type: 'string' },
    orgUscc: { type: ['string', 'null'] },
  },
} as const;

const stepSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'totp', 'totp_enrol', 'password_change'] },
    user: userSchema,
    secret: { type: 'string', description: 'TOTP enrolment: the secret (base32), to type in by hand' },
    otpauthUri: { type: 'string' },
    qrSvg: { type: 'string' },
    reason: { type: 'string', enum: ['expired', 'reset'] },
  },
} as const;

const stepResponses = { 200: stepSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 429: errorSchema } as const;
const passwordField = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;

function cookieOptions(req: FastifyRequest, path: string, maxAgeSeconds?: number): CookieOptions {
  return { path, httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/** Turn a login step into the answer: a session cookie when done, the challenge cookie otherwise. */
function answer(req: FastifyRequest, reply: FastifyReply, step: LoginStep) {
  if (step.status === 'ok') {
    clearCookie(reply, CHALLENGE_COOKIE, cookieOptions(req, CHALLENGE_PATH));
    setCookie(reply, SESSION_COOKIE, step.sessionToken, cookieOptions(req, '/'));
    return { status: step.status, user: step.user };
  }
  // '' means the challenge the client holds goes on to its next stage.
  if (step.challengeToken) setCookie(reply, CHALLENGE_COOKIE, step.challengeToken, cookieOptions(req, CHALLENGE_PATH, 600));
  const { challengeToken: _token, ...rest } = step;
  return rest;
}

function challengeToken(req: FastifyRequest): string {
  const token = cookie(req, CHALLENGE_COOKIE);
  if (!token) throw new AppError('unauthenticated', '登录已超时，请重新输入用户名和密码');
  return token;
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const deps: AuthDeps = {
    db,
    config: ctx.config,
    kek: loadKek(ctx.config.credentials.kek, ctx.config.dataDir),
    throttle: new LoginThrottle(db, ctx.config.auth),
  };
  const client = (req: FastifyRequest) => ({ address: req.ip, previousSession: cookie(req, SESSION_COOKIE) });
  // Hash the dummy password now, so the first login of an unknown name takes no longer than any other.
  await dummyHash();

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：用户名和密码',
        description: '答复 status：ok（已登录）、totp（请输入动态验证码）、totp_enrol（首次绑定动态验证码）、password_change（须先修改密码）。',
        body: {
          type: 'object',
          required: ['username', 'password'],
          properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: passwordField },
        },
        response: stepResponses,
      },
    },
    async (req, reply) => answer(req, reply, await loginWithPassword(deps, req.body as { username: string; password: string }, client(req))),
  );

  app.post(
    '/api/auth/login/totp',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：动态验证码（或首次绑定时的确认码）',
        body: { type: 'object', required: ['code'], properties: { code: { type: 'string', minLength: 1, maxLength: 20 } } },
        response: stepResponses,
      },
    },
    async (req, reply) => {
      const { code } = req.body as { code: string };
      return answer(req, reply, await loginWithTotp(deps, { challengeToken: challengeToken(req), code }, client(req)));
    },
  );

  app.post(
    '/api/auth/login/password',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：设置新密码（密码已到期或已被重置时）',
        body: { type: 'object', required: ['newPassword'], properties: { newPassword: passwordField } },
        response: stepResponses,
      },
    },
    async (req, reply) => {
      const { newPassword } = req.body as { newPassword: string };
      return answer(req, reply, await loginWithNewPassword(deps, { challengeToken: challengeToken(req), newPassword }, client(req)));
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'public' }, schema: { tags: ['auth'], summary: '退出登录', response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      const token = cookie(req, SESSION_COOKIE);
      if (token) await logout(db, token, await currentUser(req, ctx));
      clearCookie(reply, SESSION_COOKIE, cookieOptions(req, '/'));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '当前用户及其权限（控制台按权限显示菜单）',
        response: { 200: { type: 'object', required: ['user', 'permissions'], properties: { user: userSchema, permissions: { type: 'array', items: { type: 'string' } } } }, 401: errorSchema },
      },
    },
    async (req) => ({ user: req.user!, permissions: permissionsOf(req.user!) }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码（其他设备上的登录随之失效）',
        body: { type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: passwordField, newPassword: passwordField } },
        response: { 200: { type: 'object', required: ['user'], properties: { user: userSchema } }, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
      const row = await findUserById(db, req.user!.id);
      if (!row) throw new AppError('unauthenticated', '请先登录');
      if (!(await verifyPassword(currentPassword, row.password_hash))) {
        await appendAudit(db, req.user, { action: 'auth.password_change_failed', objectType: 'user', objectId: row.id, region: row.region });
        throw new AppError('bad_request', '当前密码：不正确');
      }
      await changePassword(deps, row, newPassword);
      // Every session ended with the change; this client goes on in a new one.
      setCookie(reply, SESSION_COOKIE, await createSession(db, row.id, ctx.config.sessionIdleMinutes), cookieOptions(req, '/'));
      return { user: req.user! };
    },
  );
}

export async function currentUser(req: FastifyRequest, ctx: AppContext): Promise<User | null> {
  const token = cookie(req, SESSION_COOKIE);
  return token ? userForSession(ctx.db.kysely, token, ctx.config.sessionIdleMinutes) : null;
}
