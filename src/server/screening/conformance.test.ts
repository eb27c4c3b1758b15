// Conformance: the example dataset of the data-exchange contract, screened as of 2024-12-31, gives
// exactly the (rule, subject) pairs of expected-hits.csv (computed by an independent implementation).
// The example lives beside the repository: <repo>/../shared/spec/example (CI clones the same way).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../import/read-dataset.js';
import { screen } from './engine.js';
import { readHitsCsv } from './hits-csv.js';
import { EXAMPLE_AS_OF, EXAMPLE_DIR, pairDiff } from './test-example.js';

describe('conformance with the contract example', () => {
  it('imports every row of the example', async () => {
    const { report } = await readDatasetFolder(resolve(EXAMPLE_DIR, 'dataset'));
    const rejected = report.files.filter((f) => f.rejectedCount > 0);
    expect(rejected, JSON.stringify(rejected, null, 1)).toEqual([]);
  });

  it(`reports exactly the hits of expected-hits.csv as of ${EXAMPLE_AS_OF}`, async () => {
    const { dataset } = await readDatasetFolder(resolve(EXAMPLE_DIR, 'dataset'));
    const expected = (await readHitsCsv(resolve(EXAMPLE_DIR, 'expected-hits.csv'))).map((h) => `${h.rule},${h.subject}`);
    const result = screen(dataset, { asOf: EXAMPLE_AS_OF });
    const { missing, extra } = pairDiff(
      expected,
      result.hits.map((h) => `${h.rule},${h.subject}`),
    );
    expect({ missing, extra }, `missing (expected, not reported): ${missing.join(' | ')}\nextra (reported, not expected): ${extra.join(' | ')}`).toEqual({
      missing: [],
      extra: [],
    });
    expect(result.hits).toHaveLength(expected.length);
  });
});
