// A scan of every GET answer, as every role (and anonymous), for personal data the role may not see:
// unmasked resident ID numbers (GB 11643, 18 characters) and the fixtures' full names, in JSON, text and
// Excel bodies. Allowed: an enterprise user's own people (issue #3). A revealed record is a POST answer
// and is not scanned here (tests/api/import.test.ts checks the reveal). On SQLite and PostgreSQL.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppContext } from '../../src/server/app.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { answerText, makeCallers, SAMPLES, seedRosters, seedWorld, send, SIDES, type Caller, type World } from './authz-samples.js';

const dialects = await testDialects();

/** An 18-character ID number standing on its own (inside a longer code it is not one). */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g;

/** The people of the fixtures: name and ID of each, with the enterprise that employs them. */
const PEOPLE = Object.values(SIDES).flatMap((s) => [
  { ...s.person, employer: s.enterprise.uscc },
  { ...s.looseHolder, employer: s.looseEmployer },
]);

/** May this caller see the person in full? Only an enterprise user its own employees. */
const seesInFull = (c: Caller, employer: string) => c.principal?.role === 'enterprise' && c.principal.orgUscc === employer;

export function findings(c: Caller, text: string): string[] {
  const out: string[] = [];
  for (const id of text.match(ID_NUMBER) ?? []) {
    const person = PEOPLE.find((p) => p.idNo === id);
    if (!person || !seesInFull(c, person.employer)) out.push(`unmasked ID number ${id.slice(0, 6)}…`);
  }
  for (const p of PEOPLE) if (text.includes(p.name) && !seesInFull(c, p.employer)) out.push(`full name ${p.name}`);
  return out;
}

describe('the scan itself', () => {
  const anyone = { label: 'x', principal: null, cookie: '', own: 'A', foreign: null } as Caller;
  it('finds an unmasked ID number and a full name, and passes masked ones', () => {
    expect(findings(anyone, `{"id_no":"${SIDES.A.person.idNo}"}`)).toHaveLength(1);
    expect(findings(anyone, `{"name":"${SIDES.M.person.name}"}`)).toEqual([`full name ${SIDES.M.person.name}`]);
    expect(findings(anyone, '{"id_no":"510***********1234","name":"欧*程"}')).toEqual([]);
  });
});

describe.each(dialects)('personal-data scan of GET answers (%s)', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ctx: AppContext;
  let callers: Caller[];
  let world: World;

  beforeAll(async () => {
    t = await createTestDb(dialect);
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

  it('finds no personal data a role may not see', async () => {
    const found: string[] = [];
    let scanned = 0;
    let allowedSeen = 0;
    for (const route of ctx.routes.filter((r) => r.method === 'GET')) {
      const sample = SAMPLES[`${route.method} ${route.url}`]!;
      for (const c of callers) {
        const sides = [SIDES[c.own], ...(c.foreign ? [SIDES[c.foreign]] : [])];
        for (const [i, s] of sides.entries()) {
          const build = i === 0 ? sample.own : sample.foreign;
          if (!build) continue;
          const res = await send(app, c, await build(world, s, c));
          const text = await answerText(res);
          scanned++;
          if (PEOPLE.some((p) => seesInFull(c, p.employer) && text.includes(p.idNo))) allowedSeen++;
          for (const f of findings(c, text)) found.push(`${route.url} as ${c.label} (${res.statusCode}): ${f}`);
        }
      }
    }
    console.log(`personal-data scan (${dialect}): ${scanned} answers, ${found.length} findings, ${allowedSeen} answers with an enterprise's own people in full`);
    expect(found).toEqual([]);
    // The scan did look at answers holding personal data: the enterprises' own rosters and e-certificates.
    expect(allowedSeen).toBeGreaterThan(0);
  }, 600_000);
});
