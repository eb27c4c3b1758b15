// Screening: the 14 rules of data-exchange contract §3 over a whole dataset, as of an evaluation date.
// Pure: data in, hits out. Indexes are shared between rules through one ScreeningContext.

import { isIsoDate, todayCst } from '../domain/dates.js';
import type { Dataset } from '../domain/records.js';
import { ScreeningContext } from './context.js';
import { resolveParams, type ScreeningParams, type ScreeningParamsInput } from './params.js';
import { RULES, type RuleDefinition } from './rules/index.js';
import { RULE_IDS, type Hit, type RuleId } from './types.js';

export { RULES, type RuleDefinition } from './rules/index.js';
export type { Hit, Evidence, RuleId, SubjectType } from './types.js';

export interface ScreenOptions {
  /** Evaluation date `YYYY-MM-DD` (China Standard Time); default today in CST. */
  asOf?: string;
  params?: ScreeningParamsInput | Partial<ScreeningParams>;
  /** Rule ids to run (e.g. ['R01', 'R04']); default all 14. */
  rules?: readonly string[];
}

export interface RuleStats {
  rule: RuleId;
  hits: number;
  /** Wall time of the rule, including the shared indexes it was first to need. */
  ms: number;
}

export interface ScreeningResult {
  asOf: string;
  params: ScreeningParams;
  /** Sorted by rule, then subject. */
  hits: Hit[];
  stats: { rules: RuleStats[]; totalHits: number; totalMs: number };
}

export function screen(dataset: Dataset, options: ScreenOptions = {}): ScreeningResult {
  const asOf = options.asOf ?? todayCst();
  if (!isIsoDate(asOf)) throw new RangeError(`评估日期应为 YYYY-MM-DD：${asOf}`);
  const params = resolveParams(options.params as ScreeningParamsInput | undefined);
  const selected = selectRules(options.rules);
  const ctx = new ScreeningContext(dataset, asOf, params);

  const started = performance.now();
  const hits: Hit[] = [];
  const stats: RuleStats[] = [];
  for (const rule of selected) {
    const t0 = performance.now();
    const ruleHits = rule.run(ctx);
    stats.push({ rule: rule.id, hits: ruleHits.length, ms: Math.round((performance.now() - t0) * 10) / 10 });
    for (const h of ruleHits) hits.push(h);
  }
  // Sorted by rule then subject without a sort: rules run in id order and each returns its hits by subject.
  return {
    asOf,
    params,
    hits,
    stats: { rules: stats, totalHits: hits.length, totalMs: Math.round((performance.now() - started) * 10) / 10 },
  };
}

function selectRules(ids: readonly string[] | undefined): RuleDefinition[] {
  if (ids === undefined) return [...RULES];
  const wanted = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim().toUpperCase();
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new RangeError(`未知筛查规则：${raw}`);
    wanted.add(id);
  }
  return RULES.filter((r) => wanted.has(r.id));
}
