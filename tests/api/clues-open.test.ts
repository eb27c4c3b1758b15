// The clue API other areas use (openClue, openClueOrMatch, clueProgress), on SQLite and PostgreSQL:
// routing to the subject's jurisdiction and joining open clues instead of duplicating them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clueProgress, openClue, openClueOrMatch } from '../../src/server/clues/clues.repository.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';
import { certificate, creditCode, EMPLOYER, insertCertificates, OTHER_EMPLOYER } from './verification-factories.js';

const dialects = await testDialects();

describe.each(dialects)('openClue (%s)', (dialect) => {
  let t: TestDb;
  const cert = certificate({ employer_uscc: OTHER_EMPLOYER.uscc });

  beforeAll(async () => {
    t = await createTestDb(dialect);
    await insertCertificates(t.db.kysely, [cert]);
    await t.db.kysely.updateTable('enterprises').set({ region: '510703' }).where('uscc', '=', OTHER_EMPLOYER.uscc).execute();
  });
  afterAll(async () => t?.drop());

  const open = (o: Partial<Parameters<typeof openClue>[1]>) =>
    t.db.kysely.transaction().execute((trx) =>
      openClue(trx, { source: 'tip', subjects: [], summary: '举报', details: {}, createdBy: null, ...o }),
    );

  it('routes a certificate to its employer’s county and a person to their certificate’s employer', async () => {
    const a = await open({ subjects: [{ kind: 'certificate', value: cert.cert_no }] });
    expect(a).toMatchObject({ created: true, region: '510703' });
    // The registry outranks the reporter's region.
    const b = await open({ subjects: [{ kind: 'person', value: cert.id_no }], region: '510104' });
    expect(b).toMatchObject({ created: true, region: '510703' });
  });

  it('routes an enterprise to its region, an unknown one by its credit code, a website to the chosen region or the province', async () => {
    expect((await open({ subjects: [{ kind: 'enterprise', value: EMPLOYER.uscc }] })).region).toBe('510104');
    expect((await open({ subjects: [{ kind: 'enterprise', value: creditCode('91511300MA6X9Y8W7') }] })).region).toBe('511300');
    expect((await open({ subjects: [{ kind: 'website', value: 'https://www.scjst-gov.cn.example.com/zs' }], region: '510500' })).region).toBe('510500');
    expect((await open({ subjects: [{ kind: 'website', value: 'fake-zlaq.example.org' }] })).region).toBe('510000');
  });

  it('joins an open clue on the same subject, written differently, instead of duplicating it', async () => {
    const first = await open({ subjects: [{ kind: 'website', value: 'http://Dup.Example.com/a/' }] });
    const again = await open({ subjects: [{ kind: 'website', value: 'dup.example.com/a' }], source: 'inspection' });
    expect(again).toMatchObject({ id: first.id, created: false });
    const clue = await t.db.kysely.selectFrom('clues').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(clue.report_count).toBe(2);
    expect(await t.db.kysely.selectFrom('clue_reports').select('source').where('clue_id', '=', first.id).orderBy('created_at').execute()).toHaveLength(2);
    // A dismissed clue no longer absorbs: a new report opens a new clue.
    await t.db.kysely.updateTable('clues').set({ status: 'dismissed', closed_reason: '查无实据' }).where('id', '=', first.id).execute();
    expect((await open({ subjects: [{ kind: 'website', value: 'dup.example.com/a' }] })).created).toBe(true);
  });

  it('keeps the screening entry point: the same hit subject matches', async () => {
    const c = certificate();
    const a = await t.db.kysely.transaction().execute((trx) =>
      openClueOrMatch(trx, { source: 'screening', subjectType: 'cert_no', subject: c.cert_no, summary: 'R05', region: '510104', details: {}, createdBy: null }),
    );
    const b = await open({ subjects: [{ kind: 'certificate', value: c.cert_no }] });
    expect(b).toMatchObject({ id: a.id, created: false });
  });

  it('refuses bad subjects with the reason and writes nothing', async () => {
    const before = (await t.db.kysely.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    await expect(open({ subjects: [{ kind: 'person', value: '12345' }] })).rejects.toThrow(/身份证号/);
    await expect(open({ subjects: [{ kind: 'enterprise', value: '915101000000000000' }] })).rejects.toThrow(/统一社会信用代码/);
    await expect(open({ subjects: [] })).rejects.toThrow(/至少有一个对象/);
    await expect(open({ subjects: [{ kind: 'website', value: 'x.example.com' }], region: '110000' })).rejects.toThrow(/地区代码/);
    const after = (await t.db.kysely.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('tells the reporter how a clue stands', async () => {
    const a = await open({ subjects: [{ kind: 'website', value: 'progress.example.com' }] });
    expect(await clueProgress(t.db.kysely, a.id)).toMatchObject({ status: 'received', label: '受理中' });
    await t.db.kysely.updateTable('clues').set({ status: 'dismissed', closed_reason: '经核查举报内容不属实' }).where('id', '=', a.id).execute();
    expect((await clueProgress(t.db.kysely, a.id))?.text).toBe('不予立案：经核查举报内容不属实');
    expect(await clueProgress(t.db.kysely, 'no-such-clue')).toBeNull();
  });
});
