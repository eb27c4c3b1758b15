// A screening run's body, in a worker thread: load the registry into screening columns (decision 015),
// run the rules, fetch the rows behind the hits, store the hits compared with the previous run and the
// officials' judgements, in one transaction.

import { createDb, type DbOptions } from '../db/database.js';
import { loadScreeningTables, type LoadProgress } from '../registry/load-dataset.js';
import { screenTables } from '../screening/engine.js';
import { resolveParams, type ScreeningParamsInput } from '../screening/params.js';
import { insuranceWindow } from '../screening/rules/r05-hung-certificate.js';
import { attributeHit } from './attribution.js';
import { evidenceHash, goneKeys, hitKey, standingOf } from './compare-runs.js';
import { allJudgements, currentHitsOf, findRun, insertHits, previousSuccessfulRun, updateRun, type StoredHit } from './runs.repository.js';

export interface RunData {
  dbOptions: DbOptions;
  runId: string;
}

export interface RunProgress {
  phase: 'loading' | 'screening' | 'saving';
  done: number;
  total: number;
}

export async function run(data: RunData, report: (p: RunProgress) => void): Promise<{ hitCount: number }> {
  const db = createDb(data.dbOptions);
  try {
    const run = await findRun(db.kysely, data.runId);
    if (!run) throw new Error('筛查任务不存在');
    report({ phase: 'loading', done: 0, total: 7 });
    const t0 = performance.now();
    let tables = 0;
    let lastTable = '';
    const params = run.params as ScreeningParamsInput;
    const loaded = await loadScreeningTables(db, {
      insuranceMonths: insuranceWindow(run.asOf, resolveParams(params).insuranceLookbackMonths),
      onProgress: (p: LoadProgress) => {
        if (p.table !== lastTable) {
          lastTable = p.table;
          report({ phase: 'loading', done: tables++, total: 7 });
        }
      },
    });
    const loadMs = performance.now() - t0;
    report({ phase: 'screening', done: 0, total: run.rules.length });
    let result: Awaited<ReturnType<typeof screenTables>>;
    try {
      result = await screenTables(loaded.tables, loaded.rows, { asOf: run.asOf, params, rules: run.rules });
    } finally {
      await loaded.close();
    }
    const rows = loaded.rowCount;

    report({ phase: 'saving', done: 0, total: result.hits.length });
    const regions = new Map((await db.kysely.selectFrom('enterprises').select(['uscc', 'region']).execute()).map((e) => [e.uscc, e.region]));
    const enterpriseRegion = (uscc: string) => regions.get(uscc) ?? null;
    let newCount = 0;
    let goneCount = 0;
    await db.kysely.transaction().execute(async (trx) => {
      const previousId = await previousSuccessfulRun(trx, run.createdAt);
      const previous = previousId ? await currentHitsOf(trx, previousId) : new Map<string, StoredHit>();
      const judgements = await allJudgements(trx);
      const previousKeys = new Set(previous.keys());
      const stored: StoredHit[] = [];
      const current = new Set<string>();
      for (const h of result.hits) {
        const key = hitKey(h.rule, h.subject);
        current.add(key);
        const hash = evidenceHash(h.evidence);
        const standing = standingOf(key, hash, previousKeys, judgements);
        if (standing.change === 'new') newCount++;
        const a = attributeHit(h, enterpriseRegion);
        stored.push({
          rule: h.rule,
          subject: h.subject,
          reason: h.reason,
          evidence: JSON.stringify(h.evidence),
          evidence_hash: hash,
          region: a.region,
          city: a.city,
          enterprise_uscc: a.enterpriseUscc,
          change: standing.change,
          judgement: standing.judgement,
        });
      }
      // Rules not run this time cannot be "gone".
      const ran = new Set(run.rules);
      for (const key of goneKeys(previous.keys(), current)) {
        const old = previous.get(key)!;
        if (!ran.has(old.rule)) continue;
        stored.push({ ...old, change: 'gone' });
        goneCount++;
      }
      await insertHits(trx, run.id, stored);
      await updateRun(trx, run.id, {
        status: 'succeeded',
        finished_at: new Date().toISOString(),
        previous_run_id: previousId,
        hit_count: result.hits.length,
        new_count: newCount,
        gone_count: goneCount,
        stats: JSON.stringify({ rules: result.stats.rules, loadMs: Math.round(loadMs), screenMs: Math.round(result.stats.totalMs), fetchMs: Math.round(result.fetchMs), rows }),
        progress: JSON.stringify({ phase: 'saving', done: result.hits.length, total: result.hits.length }),
      });
    });
    return { hitCount: result.hits.length };
  } finally {
    await db.close();
  }
}
