// The contract example through the real path: import into the database (SQLite and PostgreSQL), load,
// screen as of 2024-12-31: exactly the hits of expected-hits.csv. And the one-shot CLI on the folder.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/server/import/import-files.js';
import { datasetFiles } from '../../src/server/import/read-dataset.js';
import { loadDataset } from '../../src/server/registry/load-dataset.js';
import { screen } from '../../src/server/screening/engine.js';
import { parseHitsCsv } from '../../src/server/screening/hits-csv.js';
import { createTestDb, testDialects, type TestDb } from '../support/databases.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = resolve(REPO, '../shared/spec/example');
const BIN = join(REPO, 'bin/certguard.mjs');
const dialects = await testDialects();

function expectedPairs(): string[] {
  return readFileSync(join(EXAMPLE, 'expected-hits.csv'), 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.trim())
    .sort();
}

describe.each(dialects)('screening the contract example from the database (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  it('imports every row, rejects none, and a second import changes nothing', async () => {
    const first = await importFiles(t.db, datasetFiles(join(EXAMPLE, 'dataset')));
    expect(first.files).toHaveLength(8);
    for (const f of first.files) expect(f, f.file).toMatchObject({ status: 'imported', rejectedCount: 0, updated: 0, unchanged: 0 });
    expect(first.files.every((f) => f.inserted === f.read)).toBe(true);
    const again = await importFiles(t.db, datasetFiles(join(EXAMPLE, 'dataset')));
    for (const f of again.files) expect(f, f.file).toMatchObject({ inserted: 0, updated: 0, unchanged: f.read });
  });

  it('gives exactly the expected hits as of 2024-12-31', async () => {
    const result = screen(await loadDataset(t.db), { asOf: '2024-12-31' });
    expect(result.hits.map((h) => `${h.rule},${h.subject}`).sort()).toEqual(expectedPairs());
  });
});

describe('certguard screen --data (one-shot CLI)', () => {
  it('writes hits.csv (UTF-8 with BOM) with exactly the expected hits', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'certguard-hits-')), 'out', 'hits.csv');
    await promisify(execFile)(process.execPath, [BIN, 'screen', '--data', join(EXAMPLE, 'dataset'), '--as-of', '2024-12-31', '--out', out], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    const buf = readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').replace(/^\ufeff/, '');
    expect(text.split(/\r?\n/)[0]).toBe('规则编号,对象,说明,证据');
    const rows = parseHitsCsv(text);
    expect(rows.map((r) => `${r.rule},${r.subject}`).sort()).toEqual(expectedPairs());
    for (const r of rows) {
      expect(r.reason!.length).toBeGreaterThan(5);
      expect(Array.isArray(r.evidence)).toBe(true);
    }
  });
});
