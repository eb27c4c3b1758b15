// Public API: health, province-wide aggregate counts (the portal's figures; the console shows counts of the
// caller's jurisdiction from /api/registry/counts), regions. No personal data here.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { allRegions } from '../domain/regions.js';
import { summaryCounts } from '../registry/registry.repository.js';

export async function publicRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/api/health',
    { config: { permission: 'public' }, schema: { tags: ['public'], summary: '健康检查', response: { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } } } },
    async () => ({ status: 'ok' as const }),
  );

  const countProps = Object.fromEntries(
    ['enterprises', 'certificates', 'external_certificates', 'staffing', 'social_insurance', 'changes', 'training', 'exams'].map((k) => [k, { type: 'integer' }]),
  );
  app.get(
    '/api/registry/summary',
    { config: { permission: 'public' }, schema: { tags: ['public'], summary: '各类数据的条数', response: { 200: { type: 'object', properties: { counts: { type: 'object', properties: countProps } } } } } },
    async () => ({ counts: await summaryCounts(ctx.db.kysely) }),
  );

  app.get(
    '/api/regions',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['public'],
        summary: '四川省行政区划',
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, parent: { type: ['string', 'null'] }, level: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
    async () => ({ items: allRegions() }),
  );
}
