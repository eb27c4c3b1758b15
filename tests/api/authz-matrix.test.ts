// The authorization matrix (issue #5): every API route × every role (and anonymous) × own / foreign
// jurisdiction, checked against the one policy table (POLICY). Refused callers get 401/403; permitted ones
// succeed on their own objects and get 404 — the same body as for a missing object — on the other side's;
// no answer (lists, counts, exports parsed as Excel, error messages) carries the other side's cert numbers,
// credit codes, names or ID numbers. Samples live in authz-samples.ts; a route without one fails here.
// On SQLite and PostgreSQL.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { answerText, makeCallers, markersOf, mayUse, SAMPLES, seedRosters, seedWorld, send, SIDES, type Caller, type World } from './authz-samples.js';

const dialects = await testDialects();

describe.each(dialects)('authorization matrix (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let callers: Caller[];
  let world: World;

  beforeAll(async () => {
    // Every caller registers once from the same address: above the default per-address limit.
    t = await createTestDb(dialect, { REGISTRATION_RATE_LIMIT_PER_HOUR: '1000' });
    ({ app, ctx } = await buildApp({ db: t.db, config: t.config, logger: false }));
    callers = await makeCallers(t.db.kysely, t.config.sessionIdleMinutes);
    const by = (label: string) => callers.find((c) => c.label === label)!;
    world = await seedWorld(app, ctx, by('admin@510000'), { A: by('official@510104').principal!, M: by('official@510700').principal! });
    await seedRosters(app, callers);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('has a sample for every route', () => {
    const missing = ctx.routes.map((r) => `${r.method} ${r.url}`).filter((k) => !SAMPLES[k]);
    expect(missing, 'routes without a sample in tests/api/authz-samples.ts').toEqual([]);
    expect(ctx.routes.filter((r) => r.permission === null).map((r) => `${r.method} ${r.url}`), 'routes without a permission').toEqual([]);
  });

  it('answers every route × role × jurisdiction as the policy says, with nothing of the other side', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of ctx.routes) {
      const key = `${route.method} ${route.url}`;
      const sample = SAMPLES[key];
      if (!sample || !route.permission) continue;
      const ok = sample.ok ?? [200];
      for (const c of callers) {
        const own = SIDES[c.own];
        const foreignSide = c.foreign ? SIDES[c.foreign] : null;
        const leaks = async (res: LightMyRequestResponse, what: string) => {
          if (!foreignSide || route.permission === 'public') return;
          const text = await answerText(res);
          const found = markersOf(foreignSide).filter((m) => text.includes(m));
          if (found.length) mismatches.push(`${key} as ${c.label} (${what}): answer shows the other side's ${found.join(', ')}`);
        };
        checked++;
        const res = await send(app, c, await sample.own(world, own, c));
        const hidden = !!c.principal && !!sample.hiddenFrom?.includes(c.principal.role);
        if (hidden && mayUse(c, route.permission)) {
          if (res.statusCode !== 404) mismatches.push(`${key} as ${c.label}: ${res.statusCode}, expected 404 (the object is outside this role's scope)`);
        } else if (route.permission === 'public' || mayUse(c, route.permission)) {
          if (!ok.includes(res.statusCode)) mismatches.push(`${key} as ${c.label}: own object ${res.statusCode}, expected ${ok.join('/')} — ${res.body.slice(0, 200)}`);
        } else {
          const expected = c.principal ? 403 : 401;
          if (res.statusCode !== expected) mismatches.push(`${key} as ${c.label}: ${res.statusCode}, expected ${expected} (policy refuses ${route.permission})`);
        }
        await leaks(res, 'own request');
        if (!sample.foreign || !foreignSide || route.permission === 'public') continue;
        checked++;
        const foreign = await send(app, c, await sample.foreign(world, foreignSide, c));
        if (mayUse(c, route.permission)) {
          if (foreign.statusCode !== 404) mismatches.push(`${key} as ${c.label}: the other side's object answered ${foreign.statusCode}, expected 404 — ${foreign.body.slice(0, 200)}`);
          else if (sample.missing) {
            const missing = await send(app, c, await sample.missing(world, own, c));
            if (missing.body !== foreign.body) mismatches.push(`${key} as ${c.label}: the other side's 404 differs from a missing object's (${foreign.body} vs ${missing.body})`);
          }
        } else if (foreign.statusCode !== (c.principal ? 403 : 401)) mismatches.push(`${key} as ${c.label}: the other side's object answered ${foreign.statusCode} to a refused caller`);
        await leaks(foreign, 'foreign request');
      }
    }
    await ctx.imports.whenIdle();
    await ctx.screening.whenIdle();
    console.log(`authorization matrix (${dialect}): ${checked} cases over ${ctx.routes.length} routes × ${callers.length} callers, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(ctx.routes.length * callers.length);
  }, 600_000);
});
