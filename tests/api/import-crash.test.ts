// kill -9 during a large import leaves the database exactly as it was before that file.

import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/server/domain/resident-id.js';
import { openDatabase, type Db } from '../../src/server/db/database.js';
import { importFiles } from '../../src/server/import/import-files.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';

const BIN = fileURLToPath(new URL('../../bin/certguard.mjs', import.meta.url));
const HEADER = '证书编号,证书类别,操作类别代码,姓名,身份证号,聘用单位统一社会信用代码,发证机关,发证日期,有效期至,证书状态\n';
const dialects = await testDialects();

function idNo(i: number): string {
  const first17 = '510104' + '1980' + '0608' + String(i % 1000).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}

async function writeCertificates(path: string, from: number, count: number, status = '有效'): Promise<void> {
  const out = createWriteStream(path);
  out.write(HEADER);
  for (let i = from; i < from + count; i++) {
    const line = `川建安C3(2022)${String(i).padStart(7, '0')},C3,,测试${i % 97},${idNo(i)},91350100M000100Y43,四川省住房和城乡建设厅,2022-01-0${1 + (i % 9)},2025-01-01,${status}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

describe.each(dialects)('import killed mid-file (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  async function snapshot(db: Db = t.db) {
    const rows = await db.kysely
      .selectFrom('certificates')
      .select([sql<number>`count(*)`.as('n'), sql<string>`max(cert_no)`.as('max_no'), sql<number>`sum(case when status = '有效' then 1 else 0 end)`.as('valid')])
      .executeTakeFirstOrThrow();
    return { n: Number(rows.n), max: rows.max_no, valid: Number(rows.valid) };
  }

  it('rolls back the whole file after kill -9', async () => {
    // Before: 1,000 certificates, all 暂扣.
    const small = join(t.dataDir, 'certificates-small.csv');
    await writeCertificates(small, 0, 1000, '暂扣');
    const first = await importFiles(t.db, [{ path: small }]);
    expect(first.files[0]).toMatchObject({ status: 'imported', inserted: 1000 });
    const before = await snapshot();

    // A large file that both updates those rows and adds new ones.
    const big = join(t.dataDir, 'certificates.csv');
    await writeCertificates(big, 0, 400_000);
    const child = spawn(process.execPath, [BIN, 'import', big], {
      env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Kill once well into the file (the writer has been upserting rows for a while).
        if (/ (2[5-9]|[3-9]\d)% /.test(stderr)) resolve();
      });
      child.on('exit', () => reject(new Error(`import ended before it could be killed:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);

    // A fresh connection sees exactly the state before the file.
    const fresh = await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: t.dataDir });
    try {
      expect(await snapshot(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
    expect(before).toEqual({ n: 1000, max: '川建安C3(2022)0000999', valid: 0 });
  });
});
