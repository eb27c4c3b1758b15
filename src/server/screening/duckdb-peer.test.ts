import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../domain/records.js';
import { readDatasetFolder } from '../import/read-dataset.js';
import { screenWithDuckDb } from './duckdb-peer.js';
import { screen } from './engine.js';
import { syntheticDataset } from './synthetic-dataset.js';
import { EXAMPLE_AS_OF, EXAMPLE_DIR, pairDiff } from './test-example.js';
import { certificate, change, dataset, enterprise, exam, idNo, insurance, OTHER_EMPLOYER, OTHER_PERSON, staffing, training } from './test-factories.js';

async function compare(ds: Dataset, asOf: string, params = {}) {
  const ts = screen(ds, { asOf, params }).hits.map((h) => `${h.rule},${h.subject}`);
  const sql = (await screenWithDuckDb(ds, { asOf, params, threads: 2 })).map((p) => `${p.rule},${p.subject}`);
  return { ...pairDiff(sql, ts), count: ts.length, rules: new Set(ts.map((p) => p.slice(0, 3))).size };
}

// A hand-built dataset touching every rule, with its near-misses beside it.
function handBuilt(): Dataset {
  const old = idNo('19600301', '021');
  const young = idNo('20060101', '033');
  return dataset({
    enterprises: [enterprise(), enterprise({ uscc: OTHER_EMPLOYER, license_status: '暂扣', license_expires: '2024-06-30' })],
    certificates: [
      certificate(),
      certificate({ cert_no: 'C-EXP', expires: '2024-06-29' }),
      certificate({ cert_no: 'C-SUSP', status: '暂扣' }),
      certificate({ cert_no: 'T-OLD', category: 'TZ', id_no: old, issued: '2023-06-01' }),
      certificate({ cert_no: 'T-YOUNG', category: 'TZ', id_no: young, issued: '2023-12-31' }),
      certificate({ cert_no: 'T' + OTHER_PERSON, source: '应急管理厅', category: 'TZ', id_no: OTHER_PERSON, employer_uscc: null }),
      certificate({ cert_no: 'C-BADID', id_no: '510104198013010011' }),
    ],
    staffing: [
      staffing({ project_no: 'P1', start: '2024-01-01', end: '2024-03-01' }),
      staffing({ project_no: 'P2', start: '2024-03-01', end: null }),
      staffing({ cert_no: 'C-EXP', end: '2024-06-30' }),
      staffing({ cert_no: 'C-SUSP', end: null, contractor_uscc: OTHER_EMPLOYER }),
      staffing({ cert_no: 'T-OLD', id_no: old, start: '2024-03-01' }),
      staffing({ cert_no: 'NOPE', id_no: OTHER_PERSON, contractor_uscc: '91510100NOTKNOWN01' }),
      staffing({ cert_no: 'T' + OTHER_PERSON, id_no: OTHER_PERSON, end: '2024-12-31' }),
      staffing({ cert_no: 'C-EXP', id_no: OTHER_PERSON, project_no: 'P9', start: '2024-06-30', end: '2024-07-30' }),
    ],
    social_insurance: ['2024-06', '2024-07', '2024-08'].map((m) => insurance(m, { employer_uscc: OTHER_EMPLOYER })),
    changes: [change('2023-01-02'), change('2023-06-01'), change('2024-01-01'), change('2023-01-01', { id_no: OTHER_PERSON }), change('2023-06-01', { id_no: OTHER_PERSON }), change('2024-01-01', { id_no: OTHER_PERSON })],
    training: [
      training({ start: '2022-12-01 09:00:00', end: '2022-12-01 12:00:00', hours: 4 }),
      training({ class_no: 'PX2', start: '2022-12-01 11:00:00', end: '2022-12-01 13:00:00', hours: 3 }),
      training({ class_no: 'PX3', start: '2022-12-02 09:00:00', end: '2022-12-02 10:30:00', hours: 2.25 }),
      training({ class_no: 'PX4', start: '2022-12-02 11:00:00', end: '2022-12-02 12:30:00', hours: 2.5 }),
    ],
    exams: [
      exam(),
      ...Array.from({ length: 5 }, (_, k) => exam({ id_no: idNo('19900101', String(200 + k)), sitting_no: 'KS-H', answers_hash: 'same' })),
      ...Array.from({ length: 4 }, (_, k) => exam({ id_no: idNo('19900101', String(300 + k)), sitting_no: 'KS-H4', answers_hash: 'same' })),
      ...Array.from({ length: 3 }, (_, k) =>
        exam({ id_no: idNo('19900101', String(400 + k)), sitting_no: 'KS-F', start: '2024-01-01 09:00:00', submitted: `2024-01-01 09:0${7 + k}:00` }),
      ),
    ],
  });
}

describe('DuckDB peer', () => {
  it('agrees with the TypeScript rules on a hand-built dataset touching every rule', async () => {
    const diff = await compare(handBuilt(), '2024-12-31');
    expect(diff).toMatchObject({ missing: [], extra: [] });
    const rules = new Set(screen(handBuilt(), { asOf: '2024-12-31' }).hits.map((h) => h.rule));
    expect(rules.size).toBeGreaterThanOrEqual(13);
  });

  it('agrees on synthetic datasets, several seeds, evaluation dates and parameters', async () => {
    const cases: Array<[number, string, object]> = [
      [1, '2024-12-31', {}],
      [2, '2024-06-30', {}],
      [3, '2023-12-31', { maxHoursPerDay: 6, insuranceMinPaidMonths: 2, frequentChangesMin: 2 }],
      [4, '2024-12-31', { minTrainingHours: { TZ: 36, B: 50 }, examWindowDays: 100, fastPassMinutes: 15 }],
    ];
    for (const [seed, asOf, params] of cases) {
      const ds = syntheticDataset({ seed, people: 1500, spreadDays: 400, asOf });
      const diff = await compare(ds, asOf, params);
      expect(diff, `seed ${seed} as of ${asOf}`).toMatchObject({ missing: [], extra: [] });
      expect(diff.count).toBeGreaterThan(100);
      expect(diff.rules, `seed ${seed}: every rule fires`).toBe(14);
    }
  }, 60_000);

  it('agrees on the contract example', async () => {
    const { dataset: ds } = await readDatasetFolder(resolve(EXAMPLE_DIR, 'dataset'));
    expect(await compare(ds, EXAMPLE_AS_OF)).toMatchObject({ missing: [], extra: [] });
  });
});
