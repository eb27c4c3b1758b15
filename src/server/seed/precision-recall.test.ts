// The key test: the screening engine, run on a generated dataset, reports exactly the planted problems:
// precision and recall 1.0 for every rule, and none of the near-misses.

import { describe, expect, it } from 'vitest';
import { screen } from '../screening/engine.js';
import { generateDataset } from './generate.js';

const key = (h: { rule: string; subject: string }) => `${h.rule} ${h.subject}`;

describe.each([
  { asOf: '2025-06-15', seed: 20240501, scale: 'small' as const },
  { asOf: '2024-12-31', seed: 7, scale: 'small' as const },
  { asOf: '2028-02-29', seed: 2028, scale: 1500 },
])('screening a generated province as of $asOf (seed $seed)', ({ asOf, seed, scale }) => {
  it('finds exactly the injected problems, rule by rule', async () => {
    const { dataset, injected, nearMisses } = await generateDataset({ scale, seed, asOf });
    const { hits } = screen(dataset, { asOf });
    const found = new Set(hits.map(key));
    const planted = new Set(injected.map(key));

    const unexpected = [...found].filter((k) => !planted.has(k)).sort();
    const missed = [...planted].filter((k) => !found.has(k)).sort();
    expect({ unexpected, missed }).toEqual({ unexpected: [], missed: [] });

    for (const m of nearMisses) expect(found.has(key(m)), `near-miss fired: ${key(m)} (${m.note})`).toBe(false);
  });
});
