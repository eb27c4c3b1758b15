// Access control at the door: every API route names its permission (`config: { permission }`), and one
// hook resolves the session, checks the policy table and refuses before any handler runs. Which rows a
// permitted caller sees is decided in the queries (scope.ts).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { firstHook } from '../http/route-hooks.js';
import { allows, isPermission, type Permission } from './policy.js';
import type { Principal } from './roles.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    user: Principal | null;
  }
}

export interface RouteRecord {
  method: string;
  url: string;
  permission: Permission | null;
}

export interface AccessControlOptions {
  /** Resolves the session cookie to its account, or null. */
  resolvePrincipal(req: FastifyRequest): Promise<Principal | null>;
  /** Refuse to start when an /api route names no permission. */
  strict: boolean;
}

/** Paths under /api served by plugins that name no permission and are public by nature. */
const PUBLIC_PLUGIN_PREFIXES = ['/api/docs'];

/** Install before registering routes. Returns the list of API routes with their permissions (for tests). */
export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions): RouteRecord[] {
  const routes: RouteRecord[] = [];
  app.decorateRequest('user', null);

  // The check is a preHandler of each route that needs a login, put first among the route's own; routes
  // open to all (public verification, the busiest) run no preHandler at all.
  const check = (req: FastifyRequest, _reply: unknown, done: (err?: Error) => void) => {
    const permission = req.routeOptions.config.permission!;
    options
      .resolvePrincipal(req)
      .then((user) => {
        req.user = user;
        if (!user) return new AppError('unauthenticated', '请先登录');
        if (!allows(user, permission)) return new AppError('forbidden', '当前账号无权使用此功能');
        return undefined;
      })
      .then(done, done);
  };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || PUBLIC_PLUGIN_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const permission = route.config?.permission ?? null;
    if (permission !== null && !isPermission(permission)) throw new Error(`route ${route.url} names an unknown permission ${permission}`);
    if (permission === null && options.strict) throw new Error(`route ${String(route.method)} ${route.url} names no permission`);
    for (const method of ([] as string[]).concat(route.method as string | string[])) if (method !== 'HEAD') routes.push({ method, url: route.url, permission });
    if (permission !== null && permission !== 'public') route.preHandler = firstHook(check, route.preHandler);
  });

  return routes;
}
