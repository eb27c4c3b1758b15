// The fast loader (registry/load-dataset.ts loadScreeningTables, decision 015) against the plain one:
// from SQLite and PostgreSQL, the columns it builds are the columns of the loaded records, and screening
// them gives the very same hits — subjects, reasons and evidence rows — with or without the insurance
// months window. On the contract example and on a generated province in miniature.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../tests/support/databases.js';
import { importFiles } from '../import/import-files.js';
import { datasetFiles } from '../import/read-dataset.js';
import { loadDataset, loadScreeningTables } from '../registry/load-dataset.js';
import { writeDatasetFolder } from '../seed/write-dataset.js';
import { screen, screenTables } from './engine.js';
import { resolveParams } from './params.js';
import { insuranceWindow } from './rules/r05-hung-certificate.js';
import { TABLE_NAMES, tablesFromDataset, type ScreeningTables } from './tables.js';
import { EXAMPLE_AS_OF, EXAMPLE_DIR } from './test-example.js';

const dialects = await testDialects();

/** Everything the rules read, as plain arrays, for a readable comparison. */
function plain(t: ScreeningTables) {
  const out: Record<string, unknown> = { registeredCertNos: t.registeredCertNos };
  for (const k of ['persons', 'certNos', 'orgs', 'projects', 'classes', 'sittings', 'answerHashes'] as const) out[k] = t[k].keys;
  for (const table of TABLE_NAMES)
    out[table] = Object.fromEntries(Object.entries(t[table]).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v as ArrayLike<number>)]));
  return out;
}

describe.each(dialects)('loading the registry into columns (%s)', (dialect) => {
  let t: TestDb;
  let generated: string;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    generated = mkdtempSync(join(tmpdir(), 'certguard-loader-'));
  });
  afterAll(async () => {
    await t?.drop();
    if (generated) rmSync(generated, { recursive: true, force: true });
  });

  async function expectSameAsPlainLoader(asOf: string) {
    const dataset = await loadDataset(t.db);
    const expected = screen(dataset, { asOf });
    const loaded = await loadScreeningTables(t.db);
    try {
      expect(plain(loaded.tables)).toEqual(plain(tablesFromDataset(dataset)));
      const got = await screenTables(loaded.tables, loaded.rows, { asOf });
      expect(got.hits).toEqual(expected.hits);
    } finally {
      await loaded.close();
    }
    const windowed = await loadScreeningTables(t.db, { insuranceMonths: insuranceWindow(asOf, resolveParams(undefined).insuranceLookbackMonths) });
    try {
      expect(windowed.tables.social_insurance.length).toBeLessThanOrEqual(dataset.social_insurance.length);
      const got = await screenTables(windowed.tables, windowed.rows, { asOf });
      expect(got.hits).toEqual(expected.hits);
    } finally {
      await windowed.close();
    }
    return expected.hits.length;
  }

  it('the contract example: same columns, same hits, reasons and evidence', { timeout: 180_000 }, async () => {
    const report = await importFiles(t.db, datasetFiles(resolve(EXAMPLE_DIR, 'dataset')));
    expect(report.files.every((f) => f.status === 'imported')).toBe(true);
    expect(await expectSameAsPlainLoader(EXAMPLE_AS_OF)).toBeGreaterThan(0);
  });

  it('a generated registry on top of it: same columns, same hits, reasons and evidence', { timeout: 300_000 }, async () => {
    await writeDatasetFolder(generated, { scale: 600, seed: 7, asOf: '2024-12-31' }, { messy: false });
    const report = await importFiles(t.db, datasetFiles(generated));
    expect(report.files.every((f) => f.status === 'imported')).toBe(true);
    expect(await expectSameAsPlainLoader('2024-12-31')).toBeGreaterThan(0);
    // Another evaluation date moves the insurance window and every open stay.
    await expectSameAsPlainLoader('2024-08-15');
  });
});
