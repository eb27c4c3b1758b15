// The Fastify application: API under /api (OpenAPI at /api/docs), the web app at every other path.

import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { auditRoutes } from './audit/audit-routes.js';
import { lazyChildLoggerFactory } from './logging/lazy-child-logger.js';
import { loggerOptions, type LogDestination } from './logging/logger-options.js';
import { registerAccessControl, type RouteRecord } from './access/access-hook.js';
import { accountsRoutes } from './accounts/accounts-routes.js';
import { authRoutes, currentUser } from './auth/auth-routes.js';
import { registerCsrfProtection } from './auth/csrf.js';
import type { Db, DbOptions } from './db/database.js';
import { AppError } from './http/errors.js';
import { ImportJobRunner } from './imports/import-jobs.js';
import { importRoutes } from './imports/import-routes.js';
import { publicRoutes } from './public/public-routes.js';
import { registryRoutes } from './registry/registry-routes.js';
import { verificationRoutes } from './verification/verification-routes.js';
import { credentialsRoutes } from './credentials/credentials-routes.js';
import { rosterRoutes } from './roster/roster-routes.js';
import { ScreeningRunner } from './screening-runs/screening-runner.js';
import { screeningRoutes } from './screening-runs/screening-routes.js';
import { tipsRoutes } from './tips/tips-routes.js';
import { inspectionsRoutes } from './inspections/inspections-routes.js';
import { websitesRoutes } from './websites/websites-routes.js';
import { clueRoutes } from './clues/clues-routes.js';
import { caseRoutes } from './cases/cases-routes.js';

export interface AppContext {
  db: Db;
  config: Config;
  imports: ImportJobRunner;
  screening: ScreeningRunner;
  /** Every API route with the permission it names (filled as routes register). */
  routes: RouteRecord[];
}

export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface BuildAppOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Where the default logger writes (stdout); its lines are masked and redacted either way (logging/). */
  logDestination?: LogDestination;
}

export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { db, config } = options;
  const dbOptions: DbOptions = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const ctx: AppContext = { db, config, imports: new ImportJobRunner(db, dbOptions), screening: new ScreeningRunner(db, dbOptions), routes: [] };
  await ctx.imports.recoverInterrupted();
  await ctx.screening.recoverInterrupted();

  const app = Fastify({
    logger: options.logger === undefined ? loggerOptions(config.logLevel, options.logDestination) : options.logger,
    // Request loggers are built on their first line (most public requests never write one).
    ...(options.logger === false ? {} : { childLoggerFactory: lazyChildLoggerFactory }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
  });

  ctx.routes = registerAccessControl(app, { resolvePrincipal: (req) => currentUser(req, ctx), strict: true });
  registerCsrfProtection(app, { publicBaseUrl: config.publicBaseUrl });

  await app.register(swagger, {
    openapi: {
      info: { title: '证盾 CertGuard API', description: '四川省建筑施工安全生产资格证书涉假专项治理', version: '0.1.0' },
      tags: [
        { name: 'public', description: '公开接口' },
        { name: 'auth', description: '登录' },
        { name: 'accounts', description: '账号管理、自助注册与审核' },
        { name: 'import', description: '数据导入' },
        { name: 'registry', description: '证书库、企业库、人员库' },
        { name: 'screening', description: '大数据比对筛查' },
        { name: 'audit', description: '审计日志' },
        { name: 'enforcement', description: '线索、案件、处理决定、移送' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Cookies: read and set where the app uses them (http/cookies.ts), not by a plugin hook on every request.
  // Multipart bodies: only the route groups that take files register it (http/uploads.ts).

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    const e = err as { validation?: unknown; statusCode?: number; code?: string; message: string };
    if (e.validation) return reply.code(400).send({ error: { code: 'bad_request', message: `请求参数不正确：${e.message}` } });
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') return reply.code(413).send({ error: { code: 'payload_too_large', message: '文件超过大小上限' } });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return reply.code(e.statusCode).send({ error: { code: 'bad_request', message: e.message } });
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
  });

  await app.register(async (scope) => publicRoutes(scope, ctx));
  await app.register(async (scope) => authRoutes(scope, ctx));
  await app.register(async (scope) => accountsRoutes(scope, ctx));
  await app.register(async (scope) => importRoutes(scope, ctx));
  await app.register(async (scope) => registryRoutes(scope, ctx));
  await app.register(async (scope) => verificationRoutes(scope, ctx));
  await app.register(async (scope) => credentialsRoutes(scope, ctx));
  await app.register(async (scope) => rosterRoutes(scope, ctx));
  await app.register(async (scope) => screeningRoutes(scope, ctx));
  await app.register(async (scope) => tipsRoutes(scope, ctx));
  await app.register(async (scope) => inspectionsRoutes(scope, ctx));
  await app.register(async (scope) => websitesRoutes(scope, ctx));
  await app.register(async (scope) => clueRoutes(scope, ctx));
  await app.register(async (scope) => caseRoutes(scope, ctx));
  await app.register(async (scope) => auditRoutes(scope, ctx));

  const hasWeb = existsSync(WEB_DIST + 'index.html');
  // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app; API paths and missing files (anything with an extension) get 404.
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || !hasWeb || req.method !== 'GET' || /\.[a-z0-9]+$/i.test(path))
      return reply.code(404).send({ error: { code: 'not_found', message: '页面或接口不存在' } });
    return reply.sendFile('index.html');
  });

  app.addHook('onClose', async () => {
    await ctx.imports.whenIdle();
    await ctx.screening.whenIdle();
  });
  return { app, ctx };
}
