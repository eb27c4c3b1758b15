// Login, logout, the current user; and the hook that guards the console API.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { AppError, errorSchema } from '../http/errors.js';
import { verifyPassword } from './password.js';
import { createSession, deleteSession, findUserByUsername, userForSession, type User } from './users.repository.js';

export const SESSION_COOKIE = 'cg_session';

const userSchema = {
  type: 'object',
  required: ['username', 'displayName', 'role'],
  properties: { username: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string' } },
} as const;

// A fixed hash to compare against when the user is unknown, so both answers take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const idle = ctx.config.sessionIdleMinutes;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: {
          type: 'object',
          required: ['username', 'password'],
          properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: { type: 'object', required: ['user'], properties: { user: userSchema } }, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as { username: string; password: string };
      const row = await findUserByUsername(db, username.trim());
      const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !ok) throw new AppError('invalid_credentials', '用户名或密码错误');
      const token = await createSession(db, row.id, idle);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
      return { user: { username: row.username, displayName: row.display_name, role: row.role } };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 204: { type: 'null' } } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: { type: 'object', required: ['user'], properties: { user: userSchema } }, 401: errorSchema } } },
    async (req) => {
      const user = await currentUser(req, ctx);
      if (!user) throw new AppError('unauthenticated', '请先登录');
      return { user };
    },
  );
}

export async function currentUser(req: FastifyRequest, ctx: AppContext): Promise<User | null> {
  const token = req.cookies[SESSION_COOKIE];
  return token ? userForSession(ctx.db.kysely, token, ctx.config.sessionIdleMinutes) : null;
}

/** preHandler for console routes: a logged-in user, or 401. */
export function requireUser(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.user = await currentUser(req, ctx);
    if (!req.user) throw new AppError('unauthenticated', '请先登录');
  };
}
