// Cross-site request forgery: beside SameSite=Strict session cookies, every state-changing API request
// (POST, PUT, PATCH, DELETE) must come from our own pages. Refused, before the body is read:
// - Sec-Fetch-Site `cross-site` or `same-site` (browsers set it; a sibling subdomain is not us);
// - an Origin header that is not this server's own origin (the request's host, or PUBLIC_BASE_URL);
// - a body that is not JSON or multipart: HTML forms can send urlencoded and text/plain bodies
//   cross-site without a CORS preflight; our pages never do.
// Requests from non-browser clients (no Origin, no Sec-Fetch-Site) pass. See docs/decisions/021-csrf.md.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { firstHook } from '../http/route-hooks.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_BODIES = [/^application\/json\s*(;|$)/i, /^multipart\/form-data\s*(;|$)/i];

export interface CsrfOptions {
  /** The address people reach the app at (config.publicBaseUrl). */
  publicBaseUrl: string;
}

function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Why the request looks forged, or null. Exported for the tests of the rules themselves. */
export function csrfProblem(req: FastifyRequest, publicOrigin: string): string | null {
  if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return null;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return '拒绝跨站请求：请从本系统页面操作';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== publicOrigin && origin !== `${req.protocol}://${req.host}`)
    return '拒绝跨站请求：请求来源（Origin）不是本系统';
  if (hasBody(req)) {
    const type = req.headers['content-type'] ?? '';
    if (!ALLOWED_BODIES.some((re) => re.test(type))) return '请求内容格式不受支持：只接受 JSON 或 multipart/form-data';
  }
  return null;
}

export function registerCsrfProtection(app: FastifyInstance, options: CsrfOptions): void {
  const publicOrigin = new URL(options.publicBaseUrl).origin;
  // Callback style; the first onRequest hook of every API route that takes an unsafe method (reads,
  // public verification among them, run no check at all).
  const hook = (req: FastifyRequest, _reply: unknown, done: (err?: Error) => void) => {
    const problem = csrfProblem(req, publicOrigin);
    done(problem ? new AppError('forbidden', problem) : undefined);
  };
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (([] as string[]).concat(route.method as string | string[]).some((m) => UNSAFE.has(m))) route.onRequest = firstHook(hook, route.onRequest);
  });
}
