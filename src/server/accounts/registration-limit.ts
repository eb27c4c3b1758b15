// Per-address limit on public self-registration (POST /api/registrations): REGISTRATION_RATE_LIMIT_PER_HOUR
// attempts (default 10) per client address and hour, counted before the form is read, so guessing credit
// codes or user names is throttled too. The verification rate limiter and its client identity (hashed
// address, IPv6 by /64) are reused; the counters are this process's own (a separate store: the shared
// one is pruned by the verification limiter's one-minute windows), so N instances admit up to N× the limit.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { AppError } from '../http/errors.js';
import { MemoryCounterStore } from '../verification/rate-limit/counter-store.js';
import { RateLimiter } from '../verification/rate-limit/rate-limiter.js';
import { verificationServiceOf } from '../verification/verification-service.js';

const HOUR_SECONDS = 3600;

/** The onRequest hook for the registration route (the limiter closes with the app). */
export async function registrationLimit(app: FastifyInstance, ctx: AppContext) {
  const svc = await verificationServiceOf(ctx, app.log);
  const limiter = new RateLimiter(new MemoryCounterStore(), { windowSeconds: HOUR_SECONDS, perClient: ctx.config.auth.registrationsPerHour, global: Number.MAX_SAFE_INTEGER });
  app.addHook('onClose', async () => limiter.close());
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const d = await limiter.check(svc.hasher.identify(req.ip).clientHash);
    if (d.allowed) return;
    reply.header('retry-after', String(d.retryAfter));
    throw new AppError('rate_limited', `注册申请过于频繁，请 ${Math.ceil(d.retryAfter / 60)} 分钟后再试`);
  };
}
