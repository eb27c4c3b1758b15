// Screening: the 14 rules of data-exchange contract §3 over a whole dataset, as of an evaluation date.
// Pure: data in, hits out. The rules run over typed columns (tables.ts) with indexes shared through one
// ScreeningContext; they name the rows behind each hit by position, and those rows are looked up (in
// memory) or fetched (from the database) once the rules are done (decision 015).

import { isIsoDate, todayCst } from '../domain/dates.js';
import type { Dataset } from '../domain/records.js';
import { ScreeningContext } from './context.js';
import { resolveParams, type ScreeningParams, type ScreeningParamsInput } from './params.js';
import { RULES, type RuleDefinition } from './rules/index.js';
import { tablesFromDataset, type RowOf, type ScreeningTables, type TableName } from './tables.js';
import { RULE_IDS, materialiseHit, tableOfKind, type EvidenceKind, type Hit, type PendingHit, type RowLookup, type RuleId } from './types.js';

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

/** The stored rows at given positions of a table (positions ascending, no repeats), in that order. */
export interface RowSource {
  fetch<T extends TableName>(table: T, positions: readonly number[]): Promise<RowOf<T>[]>;
}

interface RuleRun {
  asOf: string;
  params: ScreeningParams;
  pending: PendingHit[];
  stats: RuleStats[];
}

function runRules(tables: ScreeningTables, options: ScreenOptions): RuleRun {
  const asOf = options.asOf ?? todayCst();
  if (!isIsoDate(asOf)) throw new RangeError(`评估日期应为 YYYY-MM-DD：${asOf}`);
  const params = resolveParams(options.params as ScreeningParamsInput | undefined);
  const selected = selectRules(options.rules);
  const ctx = new ScreeningContext(tables, asOf, params);
  const pending: PendingHit[] = [];
  const stats: RuleStats[] = [];
  for (const rule of selected) {
    const t0 = performance.now();
    const ruleHits = rule.run(ctx);
    stats.push({ rule: rule.id, hits: ruleHits.length, ms: Math.round((performance.now() - t0) * 10) / 10 });
    for (const h of ruleHits) pending.push(h);
  }
  // Sorted by rule then subject without a sort: rules run in id order and each returns its hits by subject.
  return { asOf, params, pending, stats };
}

function result(run: RuleRun, hits: Hit[], totalMs: number): ScreeningResult {
  return { asOf: run.asOf, params: run.params, hits, stats: { rules: run.stats, totalHits: hits.length, totalMs: Math.round(totalMs * 10) / 10 } };
}

/** Screens in-memory records (tests, the one-shot CLI on a dataset folder). */
export function screen(dataset: Dataset, options: ScreenOptions = {}): ScreeningResult {
  const t0 = performance.now();
  const run = runRules(tablesFromDataset(dataset), options);
  const rows: RowLookup = { get: (table, i) => dataset[table][i] as never };
  return result(run, run.pending.map((h) => materialiseHit(h, rows)), performance.now() - t0);
}

/**
 * Screens columns loaded straight from the database; the rows behind the hits (evidence, and the
 * values reasons quote) are fetched from `rows` afterwards, each once. `stats.totalMs` is the rules
 * and the fetch together; `fetchMs` the fetch alone.
 */
export async function screenTables(tables: ScreeningTables, rows: RowSource, options: ScreenOptions = {}): Promise<ScreeningResult & { fetchMs: number }> {
  const t0 = performance.now();
  const run = runRules(tables, options);
  const t1 = performance.now();
  const wanted = new Map<TableName, Set<number>>();
  const want = (kind: EvidenceKind, i: number) => {
    const table = tableOfKind(kind);
    let set = wanted.get(table);
    if (!set) wanted.set(table, (set = new Set()));
    set.add(i);
  };
  for (const h of run.pending) {
    for (const [kind, i] of h.evidence) want(kind, i);
    for (const [kind, i] of h.reasonRows) want(kind, i);
  }
  const fetched = new Map<TableName, Map<number, unknown>>();
  for (const [table, set] of wanted) {
    const positions = [...set].sort((a, b) => a - b);
    const got = await rows.fetch(table, positions);
    const byPosition = new Map<number, unknown>();
    positions.forEach((p, k) => byPosition.set(p, got[k]));
    fetched.set(table, byPosition);
  }
  const lookup: RowLookup = {
    get: (table, i) => {
      const row = fetched.get(table)?.get(i);
      if (row === undefined) throw new Error(`row ${i} of ${table} was not fetched`);
      return row as never;
    },
  };
  const hits = run.pending.map((h) => materialiseHit(h, lookup));
  const end = performance.now();
  return { ...result(run, hits, end - t0), fetchMs: Math.round((end - t1) * 10) / 10 };
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
