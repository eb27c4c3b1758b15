// Tamper tests: someone with raw SQL access (a DBA) changes, deletes, inserts or reorders audit entries;
// the real CLI, `certguard audit verify`, exits non-zero naming the first broken entry. A clean chain
// exits 0. The application's own connection cannot change entries at all (triggers), and concurrent
// appends never fork the chain.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/access/roles.js';
import { entryHash } from '../../src/server/audit/audit-chain.js';
import { appendAudit, verifyAuditChain } from '../../src/server/audit/audit-log.js';
import type { AuditLogTable, Database } from '../../src/server/db/schema.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';

const BIN = fileURLToPath(new URL('../../bin/certguard.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./audit-append-child.ts', import.meta.url));
const dialects = await testDialects();

const cityOfficial: Principal = { id: 'u-city', username: 'chengdu-official', displayName: '成都监管', role: 'official', region: '510100', orgUscc: null };
const countyInspector: Principal = { id: 'u-county', username: 'jinjiang-inspector', displayName: '锦江检查', role: 'inspector', region: '510104', orgUscc: null };

const ENTRIES = 8;

async function buildChain(db: Kysely<Database>) {
  for (let i = 1; i <= ENTRIES; i++) {
    const actor = i % 2 ? cityOfficial : countyInspector;
    const action = ['auth.login', 'registry.export', 'pii.reveal', 'hit.dismiss'][i % 4]!;
    await appendAudit(db, actor, { action, objectType: 'certificate', objectId: `C${i}`, region: actor.region, details: { n: i } });
  }
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function auditVerify(t: TestDb, ...extra: string[]): Promise<CliResult> {
  const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent' };
  return new Promise((resolve) =>
    execFile(process.execPath, [BIN, 'audit', 'verify', ...extra], { env, maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    ),
  );
}

describe.each(dialects)('audit chain tampering (%s)', (dialect) => {
  let t: TestDb;
  let db: Kysely<Database>;
  let clean: AuditLogTable[];
  let cleanHead: { seq: number; hash: string };

  const rows = () => db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const expectBroken = async (r: CliResult, seq: number, reason: string) => {
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`首个断裂处：第 ${seq} 条记录`);
    expect(r.stdout).toContain(reason);
  };

  /** Back to the clean chain (triggers are off by then, as the DBA left them). */
  async function restore() {
    await sql`delete from audit_log`.execute(db);
    await db.insertInto('audit_log').values(clean).execute();
    await db.updateTable('audit_head').set(cleanHead).where('id', '=', 1).execute();
  }

  beforeAll(async () => {
    t = await createTestDb(dialect);
    db = t.db.kysely;
    await buildChain(db);
    clean = await rows();
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    cleanHead = { seq: Number(head.seq), hash: head.hash };
  });
  afterAll(() => t?.drop());

  it('passes a clean chain and prints its head as an anchor', async () => {
    expect(clean.map((r) => r.seq)).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
    const r = await auditVerify(t);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`共校验 ${ENTRIES} 条记录`);
    expect(r.stdout).toContain(`${ENTRIES}:${cleanHead.hash}`);
  });

  it('refuses UPDATE and DELETE through the application connection', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await rows()).toEqual(clean);
  });

  it('a DBA turns the triggers off', async () => {
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    else {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await sql`drop trigger audit_log_no_delete`.execute(db);
    }
    await sql`update audit_log set action = action where seq = 1`.execute(db);
  });

  it('names a changed entry', async () => {
    await sql`update audit_log set details = ${JSON.stringify({ n: 0 })} where seq = 4`.execute(db);
    await expectBroken(await auditVerify(t), 4, '记录内容与其哈希不符');
    await restore();
    await sql`update audit_log set actor_name = 'someone-else' where seq = 7`.execute(db);
    const r = await auditVerify(t);
    await expectBroken(r, 7, '被修改');
    expect(r.stdout).toContain(`操作 ${clean[6]!.action}`);
    await restore();
  });

  it('names a deleted entry in the middle, and one deleted at the end', async () => {
    await sql`delete from audit_log where seq = 5`.execute(db);
    await expectBroken(await auditVerify(t), 5, '第 5 条记录缺失');
    await restore();
    await sql`delete from audit_log where seq = ${ENTRIES}`.execute(db);
    await expectBroken(await auditVerify(t), ENTRIES, '链尾缺少 1 条记录');
    await restore();
  });

  it('names an inserted entry, even one hashed correctly with the head moved on', async () => {
    // Make room after entry 4 (via negative numbers, so the primary key never collides), insert a
    // well-formed forged entry 5 linked to entry 4, and move the head to the new last entry.
    await sql`update audit_log set seq = -seq where seq > 4`.execute(db);
    await sql`update audit_log set seq = 1 - seq where seq < 0`.execute(db);
    const forged = { ...clean[4]!, seq: 5, action: 'hit.dismiss', prev_hash: clean[3]!.hash, details: '{"reason":"forged"}' };
    await db.insertInto('audit_log').values({ ...forged, hash: entryHash(forged) }).execute();
    await db.updateTable('audit_head').set({ seq: ENTRIES + 1, hash: clean[ENTRIES - 1]!.hash }).execute();
    await expectBroken(await auditVerify(t), 6, '前一条哈希与前一条记录不符');
    await restore();
    // Appended after the last entry without moving the head.
    const tail = { ...clean[ENTRIES - 1]!, seq: ENTRIES + 1, prev_hash: clean[ENTRIES - 1]!.hash };
    await db.insertInto('audit_log').values({ ...tail, hash: entryHash(tail) }).execute();
    await expectBroken(await auditVerify(t), ENTRIES + 1, '在链头');
    await restore();
  });

  it('names two reordered entries at the first of them', async () => {
    await sql`update audit_log set seq = -1 where seq = 3`.execute(db);
    await sql`update audit_log set seq = 3 where seq = 4`.execute(db);
    await sql`update audit_log set seq = 4 where seq = -1`.execute(db);
    await expectBroken(await auditVerify(t), 3, '前一条哈希与前一条记录不符');
    await restore();
  });

  it('names an altered head', async () => {
    await db.updateTable('audit_head').set({ hash: 'f'.repeat(64) }).execute();
    await expectBroken(await auditVerify(t), ENTRIES, '链头的哈希与最后一条记录不符');
    await restore();
  });

  it('catches a chain recomputed from a changed entry on only against an anchor kept outside', async () => {
    let prev = clean[1]!.hash;
    for (const e of clean.slice(2)) {
      const fields = { ...e, prev_hash: prev, details: e.seq === 3 ? '{"n":0}' : e.details };
      const hash = entryHash(fields);
      await sql`update audit_log set details = ${fields.details}, prev_hash = ${prev}, hash = ${hash} where seq = ${e.seq}`.execute(db);
      prev = hash;
    }
    await db.updateTable('audit_head').set({ hash: prev }).execute();
    expect((await auditVerify(t)).code).toBe(0); // the limit of a chain without a secret: see decision 022
    await expectBroken(await auditVerify(t, '--anchor', `${ENTRIES}:${cleanHead.hash}`), ENTRIES, '锚点');
    await expectBroken(await auditVerify(t, '--anchor', `3:${clean[2]!.hash}`), 3, '锚点');
    const bad = await auditVerify(t, '--anchor', '3:nothex');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--anchor');
    await restore();
    expect((await auditVerify(t, '--anchor', `${ENTRIES}:${cleanHead.hash}`)).code).toBe(0);
  });
});

describe.each(dialects)('concurrent appends (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => (t = await createTestDb(dialect)));
  afterAll(() => t?.drop());

  const check = async (n: number) => {
    const report = await verifyAuditChain(t.db.kysely, { pageSize: 37 });
    expect(report).toMatchObject({ ok: true, entries: n, firstBreak: null, head: { seq: n } });
    const seqs = (await t.db.kysely.selectFrom('audit_log').select('seq').execute()).map((r) => Number(r.seq));
    expect(new Set(seqs).size).toBe(n);
  };

  it('200 parallel appends leave one valid chain with no duplicate seq', async () => {
    const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => appendAudit(t.db.kysely, cityOfficial, { action: 'test.append', details: { i } })));
    expect(new Set(seqs).size).toBe(200);
    await check(200);
  });

  it('appends from two other processes (the CLI beside the server) interleave without failing', async () => {
    const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent' };
    const child = () =>
      new Promise<void>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', CHILD, '100'], { env }, (err, _out, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve())),
      );
    const here = Array.from({ length: 100 }, (_, i) => appendAudit(t.db.kysely, countyInspector, { action: 'test.append', details: { i } }));
    await Promise.all([child(), child(), ...here]);
    await check(500);
  });
});
